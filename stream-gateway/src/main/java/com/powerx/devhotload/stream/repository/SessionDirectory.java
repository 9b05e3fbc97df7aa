package com.powerx.devhotload.stream.repository;

import com.powerx.devhotload.stream.config.StreamConfig;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * What the gateway knows about sessions, learned from lifecycle events (no call to session-service): each session's
 * tenant, plugin and developer ({@code px:session:<id>}) and, while it lives, its reload-token hash
 * ({@code px:token:<sha256>} → session and tenant). Ended sessions lose their token at once.
 */
@ApplicationScoped
public class SessionDirectory {

    /** A session the gateway has heard of. */
    public record KnownSession(String sessionId, String tenant, String pluginId, String developerId, boolean ended) {
    }

    /** The live session a reload token belongs to. */
    public record TokenOwner(String sessionId, String tenant) {
    }

    private final Redis redis;
    private final StreamConfig config;
    private final LuaScript learn = LuaScript.load("session-learn.lua");
    private final LuaScript end = LuaScript.load("session-end.lua");

    public SessionDirectory(Redis redis, StreamConfig config) {
        this.redis = redis;
        this.config = config;
    }

    /** Records a live session; a non-null {@code tokenSha256} replaces (and revokes) its previous token. */
    public Request learn(String sessionId, String tenant, String pluginId, String developerId, String tokenSha256) {
        String token = tokenSha256 == null ? "" : tokenSha256.toLowerCase(java.util.Locale.ROOT);
        return learn.call(List.of(RedisKeys.session(sessionId), token.isEmpty() ? "" : RedisKeys.token(token)),
                List.of(sessionId, nz(tenant), nz(pluginId), nz(developerId), token,
                        config.liveSessionTtl().toMillis(), RedisKeys.TOKEN_PREFIX));
    }

    /** Marks a session ended and forgets its token. */
    public Request end(String sessionId, String tenant) {
        return end.call(List.of(RedisKeys.session(sessionId)),
                List.of(nz(tenant), config.endedSessionTtl().toMillis(), RedisKeys.TOKEN_PREFIX));
    }

    public List<Request> loadScripts() {
        return List.of(learn.loadRequest(), end.loadRequest());
    }

    /** The live session whose reload token hashes to {@code sha256}, or null. */
    public Future<TokenOwner> findToken(String sha256) {
        return redis.send(Request.cmd(Command.GET).arg(RedisKeys.token(sha256))).map(reply -> {
            if (reply == null) {
                return null;
            }
            String[] parts = reply.toString().split("\n", 2);
            return parts.length == 2 && !parts[1].isEmpty() ? new TokenOwner(parts[0], parts[1]) : null;
        });
    }

    /** The session, or null if the gateway never heard of it (or forgot it). */
    public Future<KnownSession> find(String sessionId) {
        return redis.send(Request.cmd(Command.HMGET).arg(RedisKeys.session(sessionId))
                        .arg("tenant").arg("pluginId").arg("developerId").arg("ended"))
                .map(reply -> {
                    String tenant = text(reply, 0);
                    if (tenant == null) {
                        return null;
                    }
                    return new KnownSession(sessionId, tenant, text(reply, 1), text(reply, 2), "1".equals(text(reply, 3)));
                });
    }

    private static String text(Response reply, int index) {
        if (reply == null || reply.size() <= index) {
            return null;
        }
        Response value = reply.get(index);
        return value == null ? null : value.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
