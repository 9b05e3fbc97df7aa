package com.powerx.devhotload.cli.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(10));
    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void retriesRateLimitsAndUnavailabilityHonouringRetryAfter() {
        assertThat(policy.afterStatus(429, "3", 1, now)).contains(Duration.ofSeconds(3));
        assertThat(policy.afterStatus(503, "Thu, 01 Jan 2026 00:00:05 GMT", 1, now)).contains(Duration.ofSeconds(5));
        assertThat(policy.afterStatus(503, null, 2, now)).contains(Duration.ofMillis(200));
        assertThat(policy.afterStatus(429, "3600", 1, now)).contains(Duration.ofSeconds(10)); // capped
    }

    @Test
    void neverRetriesOtherStatuses() {
        for (int status : new int[]{200, 400, 401, 403, 404, 409, 410, 413, 500, 502}) {
            assertThat(policy.afterStatus(status, "1", 1, now)).as("status " + status).isEmpty();
        }
    }

    @Test
    void backsOffExponentiallyOnConnectionErrorsUntilAttemptsRunOut() {
        assertThat(policy.afterConnectionError(1)).contains(Duration.ofMillis(100));
        assertThat(policy.afterConnectionError(2)).contains(Duration.ofMillis(200));
        assertThat(policy.afterConnectionError(3)).contains(Duration.ofMillis(400));
        assertThat(policy.afterConnectionError(4)).isEmpty();
        assertThat(policy.backoff(30)).isEqualTo(Duration.ofSeconds(1));
    }
}
