package com.powerx.devhotload.diagnostics.mapping;

import com.powerx.devhotload.diagnostics.domain.ReportWindow;
import com.powerx.devhotload.diagnostics.rest.ReportRequest.WindowBody;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.Violation;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Checks of the request bodies at the edge: every violation named at once, nothing changed on a 400. */
public final class ReportRequests {

    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);
    /** A report reads at most a day: a longer window would be an export, not a diagnosis. */
    public static final Duration MAX_WINDOW = Duration.ofDays(1);
    private static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");
    private static final Set<String> LEVELS = Set.of("debug", "info", "warn", "error");

    private ReportRequests() {
    }

    public static ReportWindow window(WindowBody body, List<Violation> violations) {
        Instant now = Instant.now();
        Instant to = body == null ? null : time(body.to(), "window.to", violations);
        Instant from = body == null ? null : time(body.from(), "window.from", violations);
        to = to == null ? now : to;
        from = from == null ? to.minus(DEFAULT_WINDOW) : from;
        if (to.isBefore(from)) {
            violations.add(new Violation("window", "to is before from"));
            return null;
        }
        if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            violations.add(new Violation("window", "longer than " + MAX_WINDOW.toHours() + " h"));
            return null;
        }
        return new ReportWindow(from, to);
    }

    public static void severity(String severity, List<Violation> violations) {
        if (severity != null && !SEVERITIES.contains(severity)) {
            violations.add(new Violation("severity", "must be one of info, warning, critical"));
        }
    }

    public static void level(String level, List<Violation> violations) {
        if (level != null && !LEVELS.contains(level)) {
            violations.add(new Violation("level", "must be one of debug, info, warn, error"));
        }
    }

    public static void length(String field, String value, int max, List<Violation> violations) {
        if (value != null && value.length() > max) {
            violations.add(new Violation(field, "longer than " + max + " characters"));
        }
    }

    public static UUID uuid(String field, String value) {
        try {
            return UUID.fromString(value);
        } catch (RuntimeException e) {
            throw ApiException.invalid(field, "is not a UUID");
        }
    }

    public static void throwIfAny(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw ApiException.invalid(new ArrayList<>(violations));
        }
    }

    private static Instant time(String value, String field, List<Violation> violations) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            violations.add(new Violation(field, "is not an RFC 3339 time"));
            return null;
        }
    }
}
