import { RedisScript } from '../redis/redis-script.js';

/**
 * Every bucket is a hash { tokens, ts } refilled lazily from Redis's own clock (TIME), so all
 * processes agree on time. `ts` is when the refill (re)starts: usually the last write, later when
 * a report holds the refill back for a provider that refills slower than we do. Ops:
 *   take      KEYS=k1..kn ARGV=op, (capacity, refill/s, cost, refillDelayMs) per key -> {granted 0|1, waitMs}
 *   adjust    KEYS=k      ARGV=op, capacity, refill/s, delta            -> tokens (string)
 *   tighten   KEYS=k      ARGV=op, capacity, refill/s, remaining, resetInMs -> tokens (string)
 *   reconcile KEYS=k      ARGV=op, capacity, refill/s, delta[, remaining, resetInMs, owed, slack]
 *                         -> tokens (string): adjust, then apply the report, in one step
 * A missing key is a full bucket; keys expire once they would have refilled (+1 s).
 */
const LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local op = ARGV[1]

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

if op == 'take' then
  local levels, froms, wait = {}, {}, 0
  for i = 1, #KEYS do
    local cap, rate, cost = tonumber(ARGV[4 * i - 2]), tonumber(ARGV[4 * i - 1]), tonumber(ARGV[4 * i])
    levels[i], froms[i] = level(KEYS[i], cap, rate)
    if levels[i] < cost then wait = math.max(wait, froms[i] - now + (cost - levels[i]) * 1000 / rate) end
  end
  if wait > 0 then return {0, math.ceil(wait)} end
  for i = 1, #KEYS do
    local cap, rate, cost, delay = tonumber(ARGV[4 * i - 2]), tonumber(ARGV[4 * i - 1]), tonumber(ARGV[4 * i]), tonumber(ARGV[4 * i + 1])
    -- Leaving full: the server-side limit we mirror starts refilling when this call reaches it.
    if levels[i] >= cap and cost > 0 then froms[i] = math.max(froms[i], now + delay) end
    store(KEYS[i], cap, rate, levels[i] - cost, froms[i])
  end
  return {1, 0}
end

local cap, rate = tonumber(ARGV[2]), tonumber(ARGV[3])
local tokens, from = level(KEYS[1], cap, rate)
if op == 'adjust' then
  tokens = math.min(cap, tokens + tonumber(ARGV[4]))
  store(KEYS[1], cap, rate, tokens, from)
elseif op == 'tighten' then
  local target, start = lower(tokens, from, cap, rate, tonumber(ARGV[4]), 0, tonumber(ARGV[5]))
  if target < tokens or start > from then
    tokens = target
    store(KEYS[1], cap, rate, tokens, start)
  end
elseif op == 'reconcile' then
  tokens = math.min(cap, tokens + tonumber(ARGV[4]))
  if ARGV[5] then
    local remaining, owed = tonumber(ARGV[5]), 0
    -- Below our level by more than the slack: the provider's count lacks the calls on their way to it.
    if remaining < tokens - tonumber(ARGV[8]) then owed = tonumber(ARGV[7]) end
    tokens, from = lower(tokens, from, cap, rate, remaining, owed, tonumber(ARGV[6]))
  end
  store(KEYS[1], cap, rate, tokens, from)
else
  return redis.error_reply('unknown token bucket op ' .. tostring(op))
end
return tostring(tokens)
`;

/** The single atomic script behind {@link RedisTokenBucket}. */
export const TOKEN_BUCKET_SCRIPT = new RedisScript(LUA);
