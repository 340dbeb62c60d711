import { RedisTokenBucket } from '@aiwire/core';
import { COUNT_MEMBERS } from './in-flight-ledger.js';

// The scripts of CallCredit. A lease is a member of the provider's calls set, `…:L<units>:<tokens>`.

/**
 * Charges a lease of calls to the buckets, all or none, only while every bucket keeps LEASE_KEEP of
 * its capacity after it, and logs it in the calls set scored by when it ends (always within the
 * window a report is read against: it counts as calls on their way to the provider until closed).
 *   KEYS = calls, bucket 1..n
 *   ARGV = member, expiresAtMs, holdMs, inFlightTtlMs, keep, nowMs,
 *          then per bucket: capacity, refill/s, amount, refillDelayMs, 'requests'|'tokens'
 * While leases are out, a bucket must not refill above its capacity less what they hold (the
 * provider's, which has not seen those calls, stops at its capacity): its refill is held back so
 * that it cannot get there within holdMs.
 */
export const LEASE = RedisTokenBucket.script(`${COUNT_MEMBERS}
local calls, member, expiresAt, hold = KEYS[1], ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local ttl, keep, clientNow = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local levels, froms = {}, {}
for i = 2, #KEYS do
  local a = 7 + 5 * (i - 2)
  local cap, rate, amount = tonumber(ARGV[a]), tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2])
  levels[i], froms[i] = level(KEYS[i], cap, rate)
  if levels[i] - amount < cap * keep then return 0 end
end
-- What the leases still out hold (and any call logged as sent later than now); this one is added below.
local outRequests, outTokens = count(redis.call('ZRANGEBYSCORE', calls, '(' .. clientNow, '+inf'))
for i = 2, #KEYS do
  local a = 7 + 5 * (i - 2)
  local cap, rate, amount, delay = tonumber(ARGV[a]), tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2]), tonumber(ARGV[a + 3])
  local out = outTokens
  if ARGV[a + 4] == 'requests' then out = outRequests end
  local tokens, from = levels[i] - amount, froms[i]
  if levels[i] >= cap then from = math.max(from, now + delay) end
  from = math.max(from, now + hold - (cap - out - amount - tokens) * 1000 / rate)
  store(KEYS[i], cap, rate, tokens, from)
end
redis.call('ZADD', calls, expiresAt, member)
redis.call('PEXPIRE', calls, ttl)
return 1
`);

/**
 * Ends a lease: takes it off the calls set and gives back what it did not pay for. A lease no
 * longer in the set was closed already (a script sent twice gives back once).
 *   KEYS = calls, bucket 1..n      ARGV = member, then per bucket: capacity, refill/s, amount
 */
export const CLOSE_LEASE = RedisTokenBucket.script(`
if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 then return 0 end
for i = 2, #KEYS do
  local a = 2 + 3 * (i - 2)
  local cap, rate, amount = tonumber(ARGV[a]), tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2])
  if amount > 0 then
    local tokens, from = level(KEYS[i], cap, rate)
    store(KEYS[i], cap, rate, math.min(cap, tokens + amount), from)
  end
end
return 1
`);
