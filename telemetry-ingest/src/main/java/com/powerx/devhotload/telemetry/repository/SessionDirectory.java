package com.powerx.devhotload.telemetry.repository;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What telemetry-ingest knows about sessions, learned from {@code dev.session.lifecycle} (event-carried state, as
 * stream-gateway does): tenant, plugin, whether it ended, when its CLI last sent telemetry, and — while it lives —
 * its reload-token hash. Write methods return requests for the caller's atomic commit.
 */
@ApplicationScoped
public class SessionDirectory {

    /** Ended sessions are remembered this long, so late telemetry is still attributed to the right tenant. */
    private static final long ENDED_TTL_SECONDS = Duration.ofDays(2).toSeconds();
    private static final long LIVE_TTL_SECONDS = Duration.ofDays(8).toSeconds();

    /** A session heard of. */
    public record KnownSession(String sessionId, String tenant, String pluginId, boolean ended, String tokenSha256, long cliLastMs) {
    }

    /** The live session a reload token belongs to. */
    public record TokenOwner(String sessionId, String tenant) {
    }

    private final RedisStore redis;

    public SessionDirectory(RedisStore redis) {
        this.redis = redis;
    }

    public KnownSession find(String sessionId) {
        Response r = redis.send(Request.cmd(Command.HMGET).arg(RedisKeys.session(sessionId))
                .arg("tenant").arg("pluginId").arg("ended").arg("token").arg("cliLastMs"));
        String tenant = at(r, 0);
        if (tenant == null) {
            return null;
        }
        String cli = at(r, 4);
        return new KnownSession(sessionId, tenant, at(r, 1), "1".equals(at(r, 2)), at(r, 3), cli == null ? 0 : Long.parseLong(cli));
    }

    public TokenOwner findToken(String sha256) {
        String value = RedisStore.text(redis.send(Request.cmd(Command.GET).arg(RedisKeys.token(sha256.toLowerCase(Locale.ROOT)))));
        if (value == null) {
            return null;
        }
        String[] parts = value.split("\n", 2);
        return parts.length == 2 ? new TokenOwner(parts[0], parts[1]) : null;
    }

    /** A live session; a new token hash replaces (revokes) the previous one. */
    public List<Request> learn(KnownSession before, String sessionId, String tenant, String pluginId, String tokenSha256) {
        List<Request> writes = new ArrayList<>();
        String key = RedisKeys.session(sessionId);
        Request hset = Request.cmd(Command.HSET).arg(key).arg("tenant").arg(tenant).arg("ended").arg("0");
        if (pluginId != null) {
            hset.arg("pluginId").arg(pluginId);
        }
        String token = tokenSha256 == null ? null : tokenSha256.toLowerCase(Locale.ROOT);
        if (token != null) {
            hset.arg("token").arg(token);
            if (before != null && before.tokenSha256() != null && !before.tokenSha256().equals(token)) {
                writes.add(Request.cmd(Command.DEL).arg(RedisKeys.token(before.tokenSha256())));
            }
            writes.add(Request.cmd(Command.SET).arg(RedisKeys.token(token)).arg(sessionId + "\n" + tenant).arg("EX").arg(LIVE_TTL_SECONDS));
        }
        writes.add(hset);
        writes.add(Request.cmd(Command.EXPIRE).arg(key).arg(LIVE_TTL_SECONDS));
        writes.add(Request.cmd(Command.SADD).arg(RedisKeys.live(tenant)).arg(sessionId));
        writes.add(Request.cmd(Command.SADD).arg(RedisKeys.LIVE_ALL).arg(sessionId));
        String plugin = pluginId != null ? pluginId : before == null ? null : before.pluginId();
        if (plugin != null) {
            writes.add(Request.cmd(Command.SADD).arg(RedisKeys.livePlugin(tenant, plugin)).arg(sessionId));
        }
        return writes;
    }

    /** The session ended: its token stops working, it leaves every live set. */
    public List<Request> end(KnownSession session) {
        List<Request> writes = new ArrayList<>();
        String key = RedisKeys.session(session.sessionId());
        writes.add(Request.cmd(Command.HSET).arg(key).arg("ended").arg("1"));
        writes.add(Request.cmd(Command.EXPIRE).arg(key).arg(ENDED_TTL_SECONDS));
        if (session.tokenSha256() != null) {
            writes.add(Request.cmd(Command.DEL).arg(RedisKeys.token(session.tokenSha256())));
        }
        writes.add(Request.cmd(Command.SREM).arg(RedisKeys.live(session.tenant())).arg(session.sessionId()));
        writes.add(Request.cmd(Command.SREM).arg(RedisKeys.LIVE_ALL).arg(session.sessionId()));
        writes.add(Request.cmd(Command.SREM).arg(RedisKeys.CLI_SESSIONS).arg(session.sessionId()));
        if (session.pluginId() != null) {
            writes.add(Request.cmd(Command.SREM).arg(RedisKeys.livePlugin(session.tenant(), session.pluginId())).arg(session.sessionId()));
        }
        return writes;
    }

    /** The session's CLI sent telemetry at {@code atMs}: from now on the telemetry-gap rule watches it. */
    public List<Request> cliSeen(KnownSession session, long atMs) {
        if (session.ended() || atMs <= session.cliLastMs()) {
            return List.of();
        }
        return List.of(Request.cmd(Command.HSET).arg(RedisKeys.session(session.sessionId())).arg("cliLastMs").arg(atMs),
                Request.cmd(Command.SADD).arg(RedisKeys.CLI_SESSIONS).arg(session.sessionId()));
    }

    public List<String> cliSessions() {
        Response r = redis.send(Request.cmd(Command.SMEMBERS).arg(RedisKeys.CLI_SESSIONS));
        List<String> ids = new ArrayList<>();
        if (r != null) {
            r.forEach(x -> ids.add(x.toString()));
        }
        return ids;
    }

    public long countLive(String tenant, String pluginId) {
        String key = pluginId == null ? RedisKeys.live(tenant) : RedisKeys.livePlugin(tenant, pluginId);
        return RedisStore.number(redis.send(Request.cmd(Command.SCARD).arg(key)));
    }

    public long countAllLive() {
        return RedisStore.number(redis.send(Request.cmd(Command.SCARD).arg(RedisKeys.LIVE_ALL)));
    }

    private static String at(Response r, int i) {
        if (r == null || r.size() <= i || r.get(i) == null) {
            return null;
        }
        return r.get(i).toString();
    }
}
