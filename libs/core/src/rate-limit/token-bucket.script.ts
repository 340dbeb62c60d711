import { RedisScript } from '../redis/redis-script.js';

/**
 * Every bucket is a hash { tokens, ts } refilled lazily from Redis's own clock (TIME), so all
 * processes agree on time. Ops:
 *   take    KEYS=k1..kn ARGV=op, (capacity, refill/s, cost) per key -> {granted 0|1, waitMs}
 *   adjust  KEYS=k      ARGV=op, capacity, refill/s, delta            -> tokens (string)
 *   tighten KEYS=k      ARGV=op, capacity, refill/s, remaining, resetInMs -> tokens (string)
 * A missing key is a full bucket; keys expire once they would have refilled (+1 s).
 */
const LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local op = ARGV[1]

local function level(key, cap, rate)
  local h = redis.call('HMGET', key, 'tokens', 'ts')
  local tokens, ts = tonumber(h[1]), tonumber(h[2])
  if tokens == nil or ts == nil then return cap end
  return math.min(cap, tokens + math.max(0, now - ts) * rate / 1000)
end

local function store(key, cap, rate, tokens)
  redis.call('HSET', key, 'tokens', tokens, 'ts', now)
  redis.call('PEXPIRE', key, math.ceil((cap - tokens) * 1000 / rate) + 1000)
end

if op == 'take' then
  local levels, wait = {}, 0
  for i = 1, #KEYS do
    local cap, rate, cost = tonumber(ARGV[3 * i - 1]), tonumber(ARGV[3 * i]), tonumber(ARGV[3 * i + 1])
    levels[i] = level(KEYS[i], cap, rate)
    if levels[i] < cost then wait = math.max(wait, (cost - levels[i]) * 1000 / rate) end
  end
  if wait > 0 then return {0, math.ceil(wait)} end
  for i = 1, #KEYS do
    local cap, rate, cost = tonumber(ARGV[3 * i - 1]), tonumber(ARGV[3 * i]), tonumber(ARGV[3 * i + 1])
    store(KEYS[i], cap, rate, levels[i] - cost)
  end
  return {1, 0}
end

local cap, rate = tonumber(ARGV[2]), tonumber(ARGV[3])
local tokens = level(KEYS[1], cap, rate)
if op == 'adjust' then
  tokens = math.min(cap, tokens + tonumber(ARGV[4]))
  store(KEYS[1], cap, rate, tokens)
elseif op == 'tighten' then
  local resetIn = tonumber(ARGV[5])
  -- Lowest level that is both <= remaining now and refills to full no earlier than the reset.
  local target = math.min(tonumber(ARGV[4]), cap - rate * resetIn / 1000)
  if resetIn > 0 and target < tokens then
    tokens = target
    store(KEYS[1], cap, rate, tokens)
  end
else
  return redis.error_reply('unknown token bucket op ' .. tostring(op))
end
return tostring(tokens)
`;

/** The single atomic script behind {@link RedisTokenBucket}. */
export const TOKEN_BUCKET_SCRIPT = new RedisScript(LUA);
