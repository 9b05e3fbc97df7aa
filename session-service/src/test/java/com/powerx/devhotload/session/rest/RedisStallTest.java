package com.powerx.devhotload.session.rest;

import com.powerx.devhotload.devstack.DevStack;
import com.powerx.devhotload.devstack.FreePorts;
import com.powerx.devhotload.devstack.RedisNode;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static com.powerx.devhotload.session.rest.DevApi.as;
import static com.powerx.devhotload.session.rest.DevApi.register;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stalled Redis (SIGSTOP: its connections stay open and never answer, as in a network partition) must not hold the
 * Dev API: the rate limiter gives up on it and lets the request through. Before, a register waited out the whole stall.
 */
@QuarkusTest
@TestProfile(RedisStallTest.OwnRedis.class)
class RedisStallTest {

    /** A Redis of this test's own, which it can stall (the shared one may belong to another JVM). */
    public static class OwnRedis implements QuarkusTestProfile {
        static final RedisNode REDIS = start();

        private static RedisNode start() {
            try {
                return RedisNode.embedded(DevStack.shared().runDir().resolve("stall-redis-" + UUID.randomUUID()), FreePorts.next());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PointAtOwnRedis.class));
        }
    }

    /**
     * Set as a test resource ordered after DevStackResource (whose {@code quarkus.redis.hosts} beat a profile's config
     * override): the resources' settings are merged in their order, so this one's wins.
     */
    public static class PointAtOwnRedis implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("quarkus.redis.hosts", OwnRedis.REDIS.uri());
        }

        @Override
        public void stop() {
        }

        @Override
        public int order() {
            return 100;
        }
    }

    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisHosts;

    /** The counter's value (0 before the first request let through). */
    private static double bypassed() {
        return com.powerx.devhotload.devstack.MetricSamples.of("dev_hotload_rate_limiter_bypassed_total").orElse(0.0);
    }

    @Test
    void aRegisterIsAnsweredWhileRedisIsStalled() throws Exception {
        RedisNode redis = OwnRedis.REDIS;
        assertThat(redisHosts).as("the service talks to the Redis this test stalls").isEqualTo(redis.uri());
        AtomicBoolean resumed = new AtomicBoolean();
        var thaw = Executors.newSingleThreadScheduledExecutor();
        redis.pause();
        try {
            // The thaw is the test's own safety net: a register that waited for Redis would be answered only after it.
            thaw.schedule(() -> {
                resumed.set(true);
                redis.resume();
                return null;
            }, 15, TimeUnit.SECONDS);
            double before = bypassed();
            register(as("stall-" + System.nanoTime()), Map.of("pluginId", DevApi.pluginId())).statusCode(201);
            register(as("stall-" + System.nanoTime()), Map.of("pluginId", DevApi.pluginId())).statusCode(201);
            assertThat(resumed).as("answered while Redis was still stalled").isFalse();
            // Each request let through unlimited is counted, for the alert that a warning per 30 s would not make.
            assertThat(bypassed() - before).isEqualTo(2.0);
        } finally {
            thaw.shutdownNow();
            if (!resumed.get()) {
                redis.resume();
            }
        }
    }
}
