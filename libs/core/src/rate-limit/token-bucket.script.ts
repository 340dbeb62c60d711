import { RedisScript } from '../redis/redis-script.js';

/**
 * Every bucket is a hash { tokens, ts } refilled lazily from Redis's own clock (TIME), so all
 * processes agree on time. `ts` is when the refill (re)starts: usually the last write, later when
 * a report holds the refill back for a provider that refills slower than we do.
 * A missing key is a full bucket; keys expire once they would have refilled (+1 s).
 *
 * These functions are the prelude of every token-bucket script (ours below, and the scripts of
 * packages that settle their own books in the same atomic step, see `RedisTokenBucket.script`):
 *   now                                   Redis's clock, ms
 *   level(key, cap, rate)                 -> tokens, from
 *   store(key, cap, rate, tokens, from)
 *   take(first, n, argAt)                 charge KEYS[first .. first+n-1], 4 ARGV each from argAt
 *                                         (capacity, refill/s, cost, refillDelayMs), all or none
 *                                         -> 0 when granted, else ms to wait
 *   reconcile(key, cap, rate, delta, remaining, resetIn, owed, slack)
 *                                         add delta, then apply a report (remaining = nil: none)
 *                                         -> tokens, and whether the report was below the level by more than slack
 */
export const TOKEN_BUCKET_FUNCTIONS = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000

-- The level now, and from when it refills (now, or later while the refill is held back).
local function level(key, cap, rate)
  local h = redis.call('HMGET', key, 'tokens', 'ts')
  local tokens, ts = tonumber(h[1]), tonumber(h[2])
  if tokens == nil or ts == nil then return cap, now end
  if ts > now then return math.min(cap, tokens), ts end
  return math.min(cap, tokens + (now - ts) * rate / 1000), now
end

local function store(key, cap, rate, tokens, from)
  redis.call('HSET', key, 'tokens', tokens, 'ts', from)
  redis.call('PEXPIRE', key, math.ceil(from - now + (cap - tokens) * 1000 / rate) + 1000)
end

-- A provider's report: never below what it says remains (less 'owed'), whatever its reset — a
-- long reset (a daily limit) must not become a debt that blocks every caller while tokens are
-- still there. When our refill would fill the bucket before the provider's reset, it is held back.
local function lower(tokens, from, cap, rate, remaining, owed, resetIn)
  local start = math.max(from, now + resetIn - (cap - math.min(tokens, remaining)) * 1000 / rate)
  return math.min(tokens, remaining - owed), start
end

local function take(first, n, argAt)
  local levels, froms, wait = {}, {}, 0
  for i = 1, n do
    local a = argAt + 4 * (i - 1)
    local cap, rate, cost = tonumber(ARGV[a]), tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2])
    levels[i], froms[i] = level(KEYS[first + i - 1], cap, rate)
    if levels[i] < cost then wait = math.max(wait, froms[i] - now + (cost - levels[i]) * 1000 / rate) end
  end
  if wait > 0 then return math.ceil(wait) end
  for i = 1, n do
    local a = argAt + 4 * (i - 1)
    local cap, rate, cost, delay = tonumber(ARGV[a]), tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2]), tonumber(ARGV[a + 3])
    -- Leaving full: the server-side limit we mirror starts refilling when this call reaches it.
    if levels[i] >= cap and cost > 0 then froms[i] = math.max(froms[i], now + delay) end
    store(KEYS[first + i - 1], cap, rate, levels[i] - cost, froms[i])
  end
  return 0
end

local function reconcile(key, cap, rate, delta, remaining, resetIn, owed, slack)
  local tokens, from = level(key, cap, rate)
  local short = false
  tokens = math.min(cap, tokens + delta)
  if remaining then
    -- Below our level by more than the slack: the provider's count lacks the calls on their way to it.
    short = remaining < tokens - slack
    if not short then owed = 0 end
    tokens, from = lower(tokens, from, cap, rate, remaining, owed, resetIn)
  end
  store(key, cap, rate, tokens, from)
  return tokens, short
end
`;

/**
 * Ops of {@link TOKEN_BUCKET_SCRIPT}:
 *   take      KEYS=k1..kn ARGV=op, (capacity, refill/s, cost, refillDelayMs) per key -> {granted 0|1, waitMs}
 *   takelog   KEYS=k1..kn, log  ARGV=op, (…) per bucket, member, score, ttlMs
 *                         -> as take; when granted also ZADD log score member and PEXPIRE log ttlMs
 *   adjust    KEYS=k      ARGV=op, capacity, refill/s, delta            -> tokens (string)
 *   tighten   KEYS=k      ARGV=op, capacity, refill/s, remaining, resetInMs -> tokens (string)
 *   reconcile KEYS=k      ARGV=op, capacity, refill/s, delta[, remaining, resetInMs, owed, slack]
 *                         -> tokens (string): adjust, then apply the report, in one step
 */
const OPS = `
local op = ARGV[1]
if op == 'take' or op == 'takelog' then
  local n = #KEYS
  if op == 'takelog' then n = n - 1 end
  local wait = take(1, n, 2)
  if wait > 0 then return {0, wait} end
  if op == 'takelog' then
    local log, a = KEYS[n + 1], 2 + 4 * n
    redis.call('ZADD', log, ARGV[a + 1], ARGV[a])
    redis.call('PEXPIRE', log, ARGV[a + 2])
  end
  return {1, 0}
end

local cap, rate = tonumber(ARGV[2]), tonumber(ARGV[3])
local tokens
if op == 'adjust' then
  local from
  tokens, from = level(KEYS[1], cap, rate)
  tokens = math.min(cap, tokens + tonumber(ARGV[4]))
  store(KEYS[1], cap, rate, tokens, from)
elseif op == 'tighten' then
  local from
  tokens, from = level(KEYS[1], cap, rate)
  local target, start = lower(tokens, from, cap, rate, tonumber(ARGV[4]), 0, tonumber(ARGV[5]))
  if target < tokens or start > from then
    tokens = target
    store(KEYS[1], cap, rate, tokens, start)
  end
elseif op == 'reconcile' then
  tokens = reconcile(KEYS[1], cap, rate, tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8]))
else
  return redis.error_reply('unknown token bucket op ' .. tostring(op))
end
return tostring(tokens)
`;

/** The single atomic script behind {@link RedisTokenBucket}. */
export const TOKEN_BUCKET_SCRIPT = new RedisScript(TOKEN_BUCKET_FUNCTIONS + OPS);
