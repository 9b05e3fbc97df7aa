package com.powerx.devhotload.telemetry.repository;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Event ids already applied, in Redis ({@code ti:seen:<id>}, kept 7 days: longer than any redelivery). The mark is
 * written in the same MULTI/EXEC as the event's effects, so an event is applied exactly once.
 */
@ApplicationScoped
public class ProcessedEvents {

    private static final long KEEP_SECONDS = Duration.ofDays(7).toSeconds();

    private final RedisStore redis;

    public ProcessedEvents(RedisStore redis) {
        this.redis = redis;
    }

    public boolean seen(String eventId) {
        return RedisStore.number(redis.send(Request.cmd(Command.EXISTS).arg(RedisKeys.seen(eventId)))) > 0;
    }

    public Request mark(String eventId) {
        return Request.cmd(Command.SET).arg(RedisKeys.seen(eventId)).arg("1").arg("EX").arg(KEEP_SECONDS);
    }
}
