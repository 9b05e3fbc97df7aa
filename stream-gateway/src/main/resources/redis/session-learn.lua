-- Records what the gateway knows about a live session (event-carried state from dev.session.registered/updated).
-- KEYS[1] the session's hash, KEYS[2] the key of its (new) token hash, or '' when the event carries none.
-- ARGV[1] session id, ARGV[2] tenant, ARGV[3] plugin id, ARGV[4] developer id, ARGV[5] token sha256 or '',
-- ARGV[6] ttl ms, ARGV[7] token key prefix.
-- A session already ended stays ended: a late duplicate of its registration must not bring its token back.
if redis.call('HGET', KEYS[1], 'ended') == '1' then
  return 0
end
local fields = {}
if ARGV[2] ~= '' then fields[#fields + 1] = 'tenant'; fields[#fields + 1] = ARGV[2] end
if ARGV[3] ~= '' then fields[#fields + 1] = 'pluginId'; fields[#fields + 1] = ARGV[3] end
if ARGV[4] ~= '' then fields[#fields + 1] = 'developerId'; fields[#fields + 1] = ARGV[4] end
local old = redis.call('HGET', KEYS[1], 'token')
if ARGV[5] ~= '' then
  -- A new token (resume) revokes the old one at once.
  if old and old ~= ARGV[5] then redis.call('DEL', ARGV[7] .. old) end
  fields[#fields + 1] = 'token'; fields[#fields + 1] = ARGV[5]
  local tenant = ARGV[2]
  if tenant == '' then tenant = redis.call('HGET', KEYS[1], 'tenant') or '' end
  redis.call('SET', KEYS[2], ARGV[1] .. '\n' .. tenant, 'PX', ARGV[6])
elseif old then
  redis.call('PEXPIRE', ARGV[7] .. old, ARGV[6])
end
if #fields > 0 then redis.call('HSET', KEYS[1], unpack(fields)) end
redis.call('PEXPIRE', KEYS[1], ARGV[6])
return 1
