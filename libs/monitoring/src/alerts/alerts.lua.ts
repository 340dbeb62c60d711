// The scripts of the alerts part. Every key a script touches is in KEYS and starts with the
// monitoring key prefix, which has a hash tag on a Redis Cluster: one call, one slot.

const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/**
 * Adds one process's local counts to the shared buckets.
 *   KEYS[i]  the counts hash of one rule (field = bucket number, value = count)
 *   ARGV     for each key in order: its TTL in ms, n, then n pairs of bucket and amount
 * Returns the number of hashes written.
 */
export const FLUSH_LUA = `
local a = 1
for i = 1, #KEYS do
  local ttl, n = ARGV[a], tonumber(ARGV[a + 1])
  a = a + 2
  for j = 1, n do
    redis.call('HINCRBY', KEYS[i], ARGV[a], ARGV[a + 1])
    a = a + 2
  end
  redis.call('PEXPIRE', KEYS[i], ttl)
end
return #KEYS
`;

/**
 * Sums each rule's window and drops the buckets that left it.
 *   KEYS[i]  the counts hash of one rule
 *   ARGV     for each key in order: the first and the last bucket of its window
 * Returns one sum per key, as text (a Lua number would be cut to an integer reply anyway).
 */
export const WINDOW_SUMS_LUA = `
local sums = {}
for i = 1, #KEYS do
  local first, last = tonumber(ARGV[2 * i - 1]), tonumber(ARGV[2 * i])
  local all = redis.call('HGETALL', KEYS[i])
  local sum, old = 0, {}
  for f = 1, #all, 2 do
    local bucket = tonumber(all[f])
    if bucket < first then old[#old + 1] = all[f] elseif bucket <= last then sum = sum + tonumber(all[f + 1]) end
  end
  if #old > 0 then redis.call('HDEL', KEYS[i], unpack(old)) end
  sums[i] = string.format('%.0f', sum)
end
return sums
`;

/**
 * Moves a rule to 'firing' or 'resolved' if it is not there already (compare-and-set): of N
 * processes that see the change, one moves it, and the notification is queued in the same step,
 * so it cannot be lost between the two.
 *   KEYS[1] the rule's state hash, KEYS[2] its notification queue (list), KEYS[3] the due set (zset of rule → ms)
 *   ARGV[1] rule name, ARGV[2] 'firing' | 'resolved', ARGV[3] value, ARGV[4] threshold, ARGV[5] window ('' for none),
 *   ARGV[6] what the rule watches
 * Returns the notification queued (JSON), or false when the rule was already in that state.
 */
export const TRANSITION_LUA = `
local current = redis.call('HGET', KEYS[1], 'state') or 'resolved'
if current == ARGV[2] then return false end
${NOW}
local firedAt = now
if ARGV[2] == 'resolved' then firedAt = tonumber(redis.call('HGET', KEYS[1], 'firedAt')) or now end
redis.call('HSET', KEYS[1], 'state', ARGV[2], 'since', now, 'firedAt', firedAt)
local incident = ARGV[1] .. ':' .. string.format('%.0f', firedAt)
local note = cjson.encode({
  id = incident .. ':' .. ARGV[2], incident = incident, rule = ARGV[1], state = ARGV[2], value = ARGV[3], threshold = ARGV[4],
  window = ARGV[5], condition = ARGV[6], since = string.format('%.0f', now), firedAt = string.format('%.0f', firedAt)
})
redis.call('RPUSH', KEYS[2], note)
redis.call('ZADD', KEYS[3], 'NX', now, ARGV[1])
return note
`;

/**
 * Takes the first queued notification of a rule for ARGV[2] ms (a lease), if it is due and nobody holds it.
 *   KEYS[1] the due set, KEYS[2] the rule's notification queue, KEYS[3] its attempt counter
 *   ARGV[1] rule name, ARGV[2] lease in ms
 * Returns {notification JSON, attempt number}, or false.
 */
export const CLAIM_LUA = `
local due = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not due then return false end
${NOW}
if tonumber(due) > now then return false end
local head = redis.call('LINDEX', KEYS[2], 0)
if not head then
  redis.call('ZREM', KEYS[1], ARGV[1])
  return false
end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
return {head, redis.call('INCR', KEYS[3])}
`;

/**
 * Settles an attempt of the first queued notification: delivered, to retry after a delay, or
 * dropped after the last attempt; the next notification of the rule is due at once.
 *   KEYS as CLAIM_LUA; ARGV[1] rule name, ARGV[2] notification id, ARGV[3] 'done' or the retry delay in ms,
 *   ARGV[4] attempts allowed
 * Returns 'done', 'retry', 'dropped', or 'stale' when that notification is no longer first (another process settled it).
 */
export const SETTLE_LUA = `
local head = redis.call('LINDEX', KEYS[2], 0)
if not head or cjson.decode(head).id ~= ARGV[2] then return 'stale' end
${NOW}
if ARGV[3] ~= 'done' and tonumber(redis.call('GET', KEYS[3]) or '0') < tonumber(ARGV[4]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
  return 'retry'
end
redis.call('LPOP', KEYS[2])
redis.call('DEL', KEYS[3])
if redis.call('LLEN', KEYS[2]) == 0 then redis.call('ZREM', KEYS[1], ARGV[1]) else redis.call('ZADD', KEYS[1], now, ARGV[1]) end
if ARGV[3] == 'done' then return 'done' end
return 'dropped'
`;
