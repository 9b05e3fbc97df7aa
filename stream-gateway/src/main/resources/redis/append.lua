-- Appends one event to a tenant's replay stream, once (CONTRACT.md §5).
-- KEYS[1] the tenant's stream, KEYS[2] the event id's dedup marker, KEYS[3] the tenant's entry counter.
-- ARGV[1] max entries, ARGV[2] oldest id kept by age (<ms>-0), ARGV[3] stream ttl ms, ARGV[4] dedup window ms,
-- ARGV[5..] the entry's field/value pairs.
-- Returns the new entry id, or nil when this event id was already appended (a redelivery).
--
-- Ids are <ms>-<n>: Redis's clock, and n, the entry's number in the tenant's stream (1, 2, 3 ... never reset;
-- the counter outlives the stream). Trimming only ever removes the oldest entries, so a reader that resumes after
-- entry n and next reads n + 2 knows that exactly one entry was trimmed before it could read it.
redis.replicate_commands()
if not redis.call('SET', KEYS[2], '1', 'NX', 'PX', ARGV[4]) then
  return false
end
local n = redis.call('INCR', KEYS[3])
local now = redis.call('TIME')
local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)

-- Trim by age now and then (every 16th entry, or always while the stream is small): the count limit is exact on
-- every append, the age limit within a few entries; readers detect what was trimmed from the numbers either way.
if n % 16 == 0 or redis.call('XLEN', KEYS[1]) < 256 then
  local old = redis.call('XRANGE', KEYS[1], '-', '(' .. ARGV[2], 'COUNT', 1)
  if #old > 0 then redis.call('XTRIM', KEYS[1], 'MINID', ARGV[2]) end
end

local xadd = {'XADD', KEYS[1], 'MAXLEN', ARGV[1], ms .. '-' .. n}
for i = 5, #ARGV do xadd[#xadd + 1] = ARGV[i] end
local id = redis.pcall(unpack(xadd))
if type(id) == 'table' and id.err then
  -- Redis's clock went back (or the stream holds ids from another clock): keep the newest entry's time.
  local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
  xadd[5] = string.match(last[1][1], '^(%d+)') .. '-' .. n
  id = redis.call(unpack(xadd))
end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return id
