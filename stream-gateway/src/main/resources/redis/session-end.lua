-- Forgets an ended session's reload token; keeps its tenant so that its retained events stay addressable.
-- KEYS[1] the session's hash. ARGV[1] tenant, ARGV[2] ttl ms, ARGV[3] token key prefix.
local old = redis.call('HGET', KEYS[1], 'token')
if old then
  redis.call('DEL', ARGV[3] .. old)
  redis.call('HDEL', KEYS[1], 'token')
end
if ARGV[1] ~= '' then
  redis.call('HSET', KEYS[1], 'ended', '1', 'tenant', ARGV[1])
else
  redis.call('HSET', KEYS[1], 'ended', '1')
end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
