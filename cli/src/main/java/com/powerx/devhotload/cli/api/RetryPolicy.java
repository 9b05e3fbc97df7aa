package com.powerx.devhotload.cli.api;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * When to try a call again: on 429 and 503 (after {@code Retry-After} when the server gives one) and on connection
 * errors, with exponential backoff; never on any other status.
 */
public record RetryPolicy(int maxAttempts, Duration base, Duration max, Duration maxRetryAfter) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofSeconds(60));

    /** The wait before attempt {@code attempt + 1} after {@code status}; empty when the call must not be retried. */
    public Optional<Duration> afterStatus(int status, String retryAfter, int attempt, Instant now) {
        if ((status != 429 && status != 503) || attempt >= maxAttempts) {
            return Optional.empty();
        }
        Optional<Duration> asked = parseRetryAfter(retryAfter, now);
        return Optional.of(asked.map(d -> d.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : d).orElse(backoff(attempt)));
    }

    /** The wait before attempt {@code attempt + 1} after the connection failed; empty once attempts are used up. */
    public Optional<Duration> afterConnectionError(int attempt) {
        return attempt >= maxAttempts ? Optional.empty() : Optional.of(backoff(attempt));
    }

    /** {@code base · 2^(attempt-1)}, capped at {@code max}. */
    public Duration backoff(int attempt) {
        long millis = base.toMillis() << Math.min(20, Math.max(0, attempt - 1));
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }

    /** {@code Retry-After} as delta-seconds or an HTTP date; empty when absent or unreadable. */
    static Optional<Duration> parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(trimmed))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
