package com.powerx.devhotload.telemetry.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import com.powerx.devhotload.contracts.JsonText;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Rule state in Redis, so a restart of the service continues a streak where it was: the reload-failure streak of a
 * session (hash), and the crash and oversize events of the rules' windows (sorted sets scored by time).
 */
@ApplicationScoped
public class RuleStateRepository {

    private static final long KEEP_SECONDS = Duration.ofDays(8).toSeconds();

    /** Consecutive failed reloads of a session so far. */
    public record Streak(int failures, long firstMs, String firstEventId, List<String> traceIds) {
        public static final Streak NONE = new Streak(0, 0, null, List.of());
    }

    /** One event inside a rule's window. */
    public record Occurrence(String eventId, long atMs) {
    }

    private final RedisStore redis;

    public RuleStateRepository(RedisStore redis) {
        this.redis = redis;
    }

    public Streak streak(String sessionId) {
        Response r = redis.send(Request.cmd(Command.HMGET).arg(RedisKeys.streak(sessionId))
                .arg("failures").arg("firstMs").arg("firstEventId").arg("traces"));
        if (r == null || r.get(0) == null) {
            return Streak.NONE;
        }
        List<String> traces = r.get(3) == null ? List.of() : JsonText.read(r.get(3).toString(), new TypeReference<List<String>>() { });
        return new Streak(r.get(0).toInteger(), r.get(1).toLong(), r.get(2) == null ? null : r.get(2).toString(), traces);
    }

    public List<Request> saveStreak(String sessionId, Streak s) {
        String key = RedisKeys.streak(sessionId);
        return List.of(Request.cmd(Command.HSET).arg(key).arg("failures").arg(s.failures()).arg("firstMs").arg(s.firstMs())
                        .arg("firstEventId").arg(s.firstEventId()).arg("traces").arg(JsonText.write(s.traceIds())),
                Request.cmd(Command.EXPIRE).arg(key).arg(KEEP_SECONDS));
    }

    public List<Request> clearStreak(String sessionId) {
        return List.of(Request.cmd(Command.DEL).arg(RedisKeys.streak(sessionId)));
    }

    /** Occurrences in {@code key} at or after {@code fromMs}, oldest first. */
    public List<Occurrence> window(String key, long fromMs) {
        Response r = redis.send(Request.cmd(Command.ZRANGEBYSCORE).arg(key).arg(fromMs).arg("+inf").arg("WITHSCORES"));
        List<Occurrence> out = new ArrayList<>();
        if (r == null) {
            return out;
        }
        // RESP2 gives a flat [member, score, ...] list; RESP3 gives [[member, score], ...].
        if (r.size() > 0 && r.get(0) != null && r.get(0).isArray()) {
            r.forEach(pair -> out.add(new Occurrence(pair.get(0).toString(), pair.get(1).toDouble().longValue())));
        } else {
            for (int i = 0; i + 1 < r.size(); i += 2) {
                out.add(new Occurrence(r.get(i).toString(), (long) Double.parseDouble(r.get(i + 1).toString())));
            }
        }
        return out;
    }

    /** Adds an occurrence and forgets those before {@code dropBeforeMs}. */
    public List<Request> addToWindow(String key, Occurrence o, long dropBeforeMs) {
        return List.of(Request.cmd(Command.ZADD).arg(key).arg(o.atMs()).arg(o.eventId()),
                Request.cmd(Command.ZREMRANGEBYSCORE).arg(key).arg("-inf").arg("(" + dropBeforeMs),
                Request.cmd(Command.EXPIRE).arg(key).arg(KEEP_SECONDS));
    }

    public List<Request> clear(String key) {
        return List.of(Request.cmd(Command.DEL).arg(key));
    }
}
