/**
 * For a rate-limited source, one round trip decides what happens to a verified delivery,
 * atomically for every instance (without a limit, WebhookStore.decide uses EXISTS / SET NX):
 *   KEYS[1] dedup key, KEYS[2] rate-limit key, KEYS[3..] the Bull keys of its executions
 *   ARGV[1] rate limit per window (0 = none), ARGV[2] window in ms, ARGV[3] dedup TTL in ms
 * Returns {0} enqueue, {1} duplicate, {2, retryAfterMs} rate limited, {3} accepted with nothing to run.
 * The dedup key is written by the worker when an execution starts (or here when nothing runs),
 * and queued executions count as "seen", so an id is never remembered for an event that was not stored.
 */
export const INTAKE_LUA = `
if redis.call('EXISTS', KEYS[1]) == 1 then return {1, 0} end
for i = 3, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 1 then return {1, 0} end
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
if #KEYS == 2 then
  redis.call('SET', KEYS[1], '1', 'PX', ARGV[3])
  return {3, 0}
end
return {0, 0}
`;
