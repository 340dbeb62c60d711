/**
 * One round trip decides and stores a verified delivery, atomically for every instance:
 * seen before? over the rate limit? else remember the id and add one Bull job per execution.
 *
 *   KEYS[1] dedup key, KEYS[2] rate-limit key, KEYS[3..8] Bull's addJob keys (wait … priority),
 *   KEYS[9..] the job hash of each execution, in the order of the executions in ARGV
 *   ARGV[1] rate limit per window (0 = none), ARGV[2] window in ms, ARGV[3] dedup TTL in ms,
 *   ARGV[4] Bull job-key prefix, ARGV[5] Bull queue token, ARGV[6] timestamp, ARGV[7] job name,
 *   then per execution: job id, data JSON, opts JSON (packed here with cmsgpack, as Bull's own add
 *   passes it: so every argument is a string, and ioredis writes the call without copying it to Buffers)
 * Returns {0} enqueued, {1} duplicate, {2, retryAfterMs} rate limited, {3} accepted with nothing to run.
 *
 * The jobs are written by Bull's own addJob script (the installed Bull's, wrapped as a function),
 * so they are exactly what `queue.add()` writes. Its queued or dead-lettered jobs and the dedup key
 * all answer "seen": the key outlives completed jobs, the jobs outlive an expired key.
 *
 * Every key touched is in KEYS (Redis Cluster routes the call by them, and a script may only touch
 * keys of the slot it runs on): Bull's addJob names a job's hash itself, as ARGV[4] .. job id, so the
 * script refuses a call whose KEYS[9..] differ from those names. Bull's addJob also touches its
 * debounce key, which is left empty here (no debounce), and PUBLISHes, which name channels, not keys.
 */
export function buildIntakeScript(bullAddJob: string): string {
  return `
local function bullAddJob(KEYS, ARGV)
${bullAddJob}
end

local badKeys = redis.error_reply('aiwire intake: KEYS[9..] must be the job hash of each execution, in order')
if #KEYS ~= 8 + (#ARGV - 7) / 3 then return badKeys end
for i = 8, #ARGV, 3 do
  if KEYS[9 + (i - 8) / 3] ~= ARGV[4] .. ARGV[i] then return badKeys end
end
if redis.call('EXISTS', KEYS[1]) == 1 then return {1, 0} end
for k = 9, #KEYS do
  if redis.call('EXISTS', KEYS[k]) == 1 then return {1, 0} end
end
local limit = tonumber(ARGV[1])
if limit > 0 then
  local t = redis.call('TIME')
  local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
  local window = tonumber(ARGV[2])
  local tat = tonumber(redis.call('GET', KEYS[2])) or now
  if tat < now then tat = now end
  local nextTat = tat + window / limit
  local wait = nextTat - window - now
  if wait > 0 then return {2, math.ceil(wait)} end
  redis.call('SET', KEYS[2], tostring(nextTat), 'PX', math.ceil(nextTat - now))
end
redis.call('SET', KEYS[1], '1', 'PX', ARGV[3])
if #ARGV < 8 then return {3, 0} end
local queueKeys = { KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[8] }
for i = 8, #ARGV, 3 do
  bullAddJob(queueKeys, { ARGV[4], ARGV[i], ARGV[7], ARGV[i + 1], cmsgpack.pack(ARGV[i + 2]), ARGV[6], '0', '0', '0', 'LPUSH', ARGV[5], '', '', '' })
end
return {0, 0}
`;
}
