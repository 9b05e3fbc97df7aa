package com.powerx.devhotload.session.service;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import com.powerx.devhotload.platform.api.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

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
    /** One warning per this long while Redis is away, not one per request (80 a second under load). */
    private static final long WARN_EVERY_NANOS = Duration.ofSeconds(30).toNanos();

    private final ReactiveRedisDataSource redis;
    /** Requests let through unlimited: what ops alert on (a limiter that is away does not show otherwise). */
    private final Counter bypassed;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
    private final AtomicLong sinceWarning = new AtomicLong();

    public RateLimiter(ReactiveRedisDataSource redis, MeterRegistry meters) {
        this.redis = redis;
        this.bypassed = Counter.builder("dev.hotload.rate.limiter.bypassed")
                .description("Dev API requests let through without a rate-limit check because Redis did not answer")
                .register(meters);
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
                    unavailable(e);
                    return 0L;
                })
                .map(count -> {
                    if (count > perMinute) {
                        throw ApiException.rateLimited(Math.max(1, (window + 1) * WINDOW_SECONDS - now));
                    }
                    return null;
                });
    }

    private void unavailable(Throwable e) {
        bypassed.increment();
        long unlimited = sinceWarning.incrementAndGet();
        long last = lastWarning.get();
        long now = System.nanoTime();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            sinceWarning.addAndGet(-unlimited);
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            Log.warnf("rate limiter unavailable (%s): %d request(s) let through unlimited since the last warning; "
                    + "next warning in 30 s at the earliest (metric dev_hotload_rate_limiter_bypassed_total)", why, unlimited);
        }
    }
}
