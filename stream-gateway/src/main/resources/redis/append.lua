-- Appends a run of events to one tenant's replay stream, each event once (CONTRACT.md §5).
-- KEYS[1] the tenant's stream, KEYS[2] the tenant's entry counter, KEYS[3..] one dedup marker per event (its id).
-- ARGV[1] max entries, ARGV[2] oldest id kept by age (<ms>-0), ARGV[3] stream ttl ms, ARGV[4] dedup window ms,
-- then 10 values per event, in the order of its marker: the entry's field/value pairs.
-- Returns one reply per event: the new entry id, or false (nil) when this event id was already appended (a redelivery).
--
-- Ids are <ms>-<n>: Redis's clock, and n, the entry's number in the tenant's stream (1, 2, 3 ... never reset;
-- the counter outlives the stream). Trimming only ever removes the oldest entries, so a reader that resumes after
-- entry n and next reads n + 2 knows that exactly one entry was trimmed before it could read it.
-- One call per run of events (not per event): at 5,000 events/s one script call each filled the client's queue of
-- waiting replies and cost Redis a call's overhead per event.
redis.replicate_commands()
local now = redis.call('TIME')
local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)

-- Trim by age once per call (a forward seek to the oldest entry); the count limit is exact on every append.
local old = redis.call('XRANGE', KEYS[1], '-', '(' .. ARGV[2], 'COUNT', 1)
if #old > 0 then redis.call('XTRIM', KEYS[1], 'MINID', ARGV[2]) end

local replies = {}
local appended = false
for i = 3, #KEYS do
  if redis.call('SET', KEYS[i], '1', 'NX', 'PX', ARGV[4]) then
    local n = redis.call('INCR', KEYS[2])
    local xadd = {'XADD', KEYS[1], 'MAXLEN', ARGV[1], ms .. '-' .. n}
    local first = 5 + (i - 3) * 10
    for j = first, first + 9 do xadd[#xadd + 1] = ARGV[j] end
    local id = redis.pcall(unpack(xadd))
    if type(id) == 'table' and id.err then
      -- Redis's clock went back (or the stream holds ids from another clock): keep the newest entry's time.
      local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
      xadd[5] = string.match(last[1][1], '^(%d+)') .. '-' .. n
      id = redis.call(unpack(xadd))
    end
    replies[#replies + 1] = id
    appended = true
  else
    replies[#replies + 1] = false
  end
end
if appended then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
return replies
