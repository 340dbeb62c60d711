import { RedisScript } from '@aiwire/core';

/**
 * Creates a run unless its id exists. KEYS[1] run hash. ARGV field/value pairs.
 * Returns 1 when created, 0 when the id was taken (nothing written).
 */
export const CREATE_RUN = new RedisScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV))
return 1`);

/**
 * Records a step and its place in the order, and optionally the run's new status, in one call, so a
 * step is stored before the next one starts. KEYS[1] run, KEYS[2] steps, KEYS[3] order.
 * ARGV[1] step id, ARGV[2] record JSON, ARGV[3] position (-1: append unless present), ARGV[4] now ms,
 * ARGV[5] run status ('' keeps it), ARGV[6] waitingFor JSON ('' keeps it, '-' deletes it).
 * Returns -1 when the run is gone, else 1 when a cancel was requested, 0 otherwise.
 */
export const RECORD_STEP = new RedisScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
local seq = tonumber(ARGV[3])
if seq < 0 then
  if not redis.call('LPOS', KEYS[3], ARGV[1]) then redis.call('RPUSH', KEYS[3], ARGV[1]) end
else
  local len = redis.call('LLEN', KEYS[3])
  while len < seq do redis.call('RPUSH', KEYS[3], ''); len = len + 1 end
  if len == seq then redis.call('RPUSH', KEYS[3], ARGV[1]) else redis.call('LSET', KEYS[3], seq, ARGV[1]) end
end
redis.call('HSET', KEYS[1], 'updatedAt', ARGV[4])
if ARGV[5] ~= '' then redis.call('HSET', KEYS[1], 'status', ARGV[5]) end
if ARGV[6] == '-' then redis.call('HDEL', KEYS[1], 'waitingFor') elseif ARGV[6] ~= '' then redis.call('HSET', KEYS[1], 'waitingFor', ARGV[6]) end
if redis.call('HGET', KEYS[1], 'cancelRequested') == '1' then return 1 end
return 0`);

/**
 * Ends a wait: replaces a step record only if it is still what the caller read (first emit or
 * timeout wins), and moves a waiting run to queued. KEYS[1] run, KEYS[2] steps.
 * ARGV[1] step id, ARGV[2] record read, ARGV[3] new record, ARGV[4] now ms. Returns 1 if replaced.
 */
export const RESOLVE_WAIT = new RedisScript(`
if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
if redis.call('HGET', KEYS[1], 'status') == 'waiting' then
  redis.call('HSET', KEYS[1], 'status', 'queued', 'updatedAt', ARGV[4])
  redis.call('HDEL', KEYS[1], 'waitingFor')
end
return 1`);

/**
 * Cancels a run: a parked one (no execution holds its lock) at once, a running one at its next step
 * boundary. KEYS[1] run, KEYS[2] steps, KEYS[3] order, KEYS[4] lock. ARGV[1] now ms, ARGV[2] retention s.
 * Returns {0} gone or finished, {1} requested (running), {2, status before} cancelled now.
 */
export const CANCEL_RUN = new RedisScript(`
local status = redis.call('HGET', KEYS[1], 'status')
if not status or status == 'completed' or status == 'failed' or status == 'cancelled' then return {0} end
redis.call('HSET', KEYS[1], 'cancelRequested', '1')
if status == 'running' or redis.call('EXISTS', KEYS[4]) == 1 then return {1} end
redis.call('HSET', KEYS[1], 'status', 'cancelled', 'updatedAt', ARGV[1], 'finishedAt', ARGV[1])
redis.call('HDEL', KEYS[1], 'waitingFor')
for i = 1, 3 do redis.call('EXPIRE', KEYS[i], ARGV[2]) end
return {2, status}`);

/**
 * Makes a finished run queued again, its steps from a position on forgotten. KEYS[1] run, KEYS[2]
 * steps, KEYS[3] order. ARGV[1] now ms, ARGV[2] position kept up to (exclusive), ARGV[3..] step ids to
 * forget. Returns 1, or 0 when the run is not finished (or its onFailure still runs).
 */
export const REPLAY_RUN = new RedisScript(`
local status = redis.call('HGET', KEYS[1], 'status')
if status ~= 'completed' and status ~= 'failed' and status ~= 'cancelled' then return 0 end
if redis.call('HGET', KEYS[1], 'onFailurePending') == '1' then return 0 end
for i = 3, #ARGV do redis.call('HDEL', KEYS[2], ARGV[i]) end
local keep = tonumber(ARGV[2])
if keep == 0 then redis.call('DEL', KEYS[3]) else redis.call('LTRIM', KEYS[3], 0, keep - 1) end
redis.call('HDEL', KEYS[1], 'error', 'output', 'finishedAt', 'cancelRequested', 'onFailurePending', 'waitingFor')
redis.call('HSET', KEYS[1], 'status', 'queued', 'updatedAt', ARGV[1])
for i = 1, 3 do redis.call('PERSIST', KEYS[i]) end
return 1`);

/**
 * Starts an execution in one round trip: takes the run's lock, reads the run, its steps and their
 * order, and marks a run that can go on (parked or queued, no cancel requested) running.
 * KEYS[1] run, KEYS[2] steps, KEYS[3] order, KEYS[4] lock. ARGV[1] lock token, ARGV[2] lock TTL ms, ARGV[3] now ms.
 * Returns {0} when another execution holds the lock, {1} when the run is gone, else
 * {2, run hash as read (flat), steps hash (flat), order}.
 */
export const LOCK_AND_LOAD = new RedisScript(`
if not redis.call('SET', KEYS[4], ARGV[1], 'PX', ARGV[2], 'NX') then return {0} end
local run = redis.call('HGETALL', KEYS[1])
if #run == 0 then
  redis.call('DEL', KEYS[4])
  return {1}
end
local status = redis.call('HGET', KEYS[1], 'status')
local goes = status == 'queued' or status == 'sleeping' or status == 'waiting' or status == 'running'
if goes and redis.call('HGET', KEYS[1], 'cancelRequested') ~= '1' then
  redis.call('HSET', KEYS[1], 'status', 'running', 'updatedAt', ARGV[3])
  redis.call('HDEL', KEYS[1], 'waitingFor')
end
return {2, run, redis.call('HGETALL', KEYS[2]), redis.call('LRANGE', KEYS[3], 0, -1)}`);

/** Renews a lock held by ARGV[1] for ARGV[2] ms. KEYS[1] lock. Returns 1 if still held. */
export const RENEW_LOCK = new RedisScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('PEXPIRE', KEYS[1], ARGV[2])`);

/** Releases a lock held by ARGV[1]. KEYS[1] lock. */
export const RELEASE_LOCK = new RedisScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`);

/**
 * Admits a run under its concurrency key, or queues it in start order. KEYS[1] active ZSET,
 * KEYS[2] queue LIST. ARGV[1] run id, ARGV[2] limit, ARGV[3] now ms. Returns 1 admitted, 0 queued.
 */
export const ADMIT = new RedisScript(`
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 1 end
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) and redis.call('LLEN', KEYS[2]) == 0 then
  redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
  return 1
end
if not redis.call('LPOS', KEYS[2], ARGV[1]) then redis.call('RPUSH', KEYS[2], ARGV[1]) end
return 0`);

/**
 * Frees a run's slot (or its place in the queue) and admits the next runs in order.
 * KEYS[1] active ZSET, KEYS[2] queue LIST. ARGV[1] run id, ARGV[2] limit, ARGV[3] now ms.
 * Returns the ids admitted.
 */
export const RELEASE = new RedisScript(`
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('LREM', KEYS[2], 0, ARGV[1])
local admitted = {}
while redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) do
  local nextRun = redis.call('LPOP', KEYS[2])
  if not nextRun then break end
  redis.call('ZADD', KEYS[1], ARGV[3], nextRun)
  table.insert(admitted, nextRun)
end
return admitted`);

/**
 * Sets, then deletes, fields of a run's hash; with a retention, the run's keys expire. One script
 * rather than a MULTI: ioredis builds a Pipeline object per transaction, 3-4x the client CPU (bench/flows).
 * KEYS[1] run, KEYS[2] steps, KEYS[3] order. ARGV[1] retention seconds (0: none), ARGV[2] n pairs,
 * ARGV[3..2+2n] field/value pairs, then the fields to delete.
 */
export const UPDATE_RUN = new RedisScript(`
local n = tonumber(ARGV[2])
local set = {}
for i = 3, 2 + 2 * n do set[#set + 1] = ARGV[i] end
redis.call('HSET', KEYS[1], unpack(set))
for i = 3 + 2 * n, #ARGV do redis.call('HDEL', KEYS[1], ARGV[i]) end
local ttl = tonumber(ARGV[1])
if ttl > 0 then for i = 1, 3 do redis.call('EXPIRE', KEYS[i], ttl) end end
return 1`);
