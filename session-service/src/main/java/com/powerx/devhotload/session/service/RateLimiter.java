package com.powerx.devhotload.session.service;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import com.powerx.devhotload.platform.api.ApiException;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;

/**
 * Fixed one-minute windows per tenant and action, counted in Redis so every replica shares them. Over the limit the
 * caller gets 429 with {@code Retry-After} (seconds to the next window). If Redis is unreachable, or does not answer
 * within {@link #ANSWER_WITHIN}, the request is let through: a development tool should not stop working because its
 * limiter is away. The deadline matters for a stalled Redis (a network partition, a paused process), whose open
 * connections neither answer nor fail: without it every register and reload waited out the whole stall (30 s in
 * FaultInjectionIT's full form).
 */
@ApplicationScoped
public class RateLimiter {

    private static final long WINDOW_SECONDS = 60;
    static final Duration ANSWER_WITHIN = Duration.ofMillis(500);

    private final ReactiveRedisDataSource redis;

    public RateLimiter(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    @WithSpan("RateLimiter.check")
    public Uni<Void> check(String tenant, String action, int perMinute) {
        long now = Instant.now().getEpochSecond();
        long window = now / WINDOW_SECONDS;
        String key = "px:rl:" + action + ":" + window + ":" + tenant;
        return redis.value(Long.class).incr(key)
                .call(count -> count == 1 ? redis.key().expire(key, Duration.ofSeconds(WINDOW_SECONDS * 2)) : Uni.createFrom().voidItem())
                .ifNoItem().after(ANSWER_WITHIN).fail()
                .onFailure().recoverWithItem(e -> {
                    Log.warnf("rate limiter unavailable (%s); letting the request through", e.getMessage());
                    return 0L;
                })
                .map(count -> {
                    if (count > perMinute) {
                        throw ApiException.rateLimited(Math.max(1, (window + 1) * WINDOW_SECONDS - now));
                    }
                    return null;
                });
    }
}
