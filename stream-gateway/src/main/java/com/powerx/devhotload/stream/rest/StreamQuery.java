package com.powerx.devhotload.stream.rest;

import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.Violation;
import com.powerx.devhotload.stream.StreamId;
import com.powerx.devhotload.stream.StreamRequest;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and validates a stream request's query, path and {@code Last-Event-ID} (400 with violations when invalid). */
final class StreamQuery {

    static final int MAX_SESSIONS = 100;
    static final int MAX_TYPES = 32;
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern PLUGIN_ID = Pattern.compile("[a-z0-9][a-z0-9.-]{1,127}");
    private static final Pattern TYPE_PREFIX = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
    // Credentials never travel in URLs (they end up in logs and proxies): say so instead of ignoring them.
    private static final Set<String> CREDENTIAL_PARAMS = Set.of("access_token", "token", "px_token", "api_key",
            "apikey", "reloadtoken", "reload_token", "authorization", "jwt");

    private StreamQuery() {
    }

    static StreamRequest parse(RoutingContext rc, StreamRequest.Kind kind) {
        rejectCredentials(rc);
        List<Violation> violations = new ArrayList<>();
        Set<String> sessions = sessionIds(rc, kind, violations);
        String pluginId = pluginId(rc, violations);
        List<String> types = typePrefixes(rc, violations);
        String tenantId = tenantId(rc, violations);
        StreamId lastEventId = lastEventId(rc, violations);
        if (!violations.isEmpty()) {
            throw ApiException.invalid(violations);
        }
        return new StreamRequest(kind, List.copyOf(sessions), pluginId, List.copyOf(new LinkedHashSet<>(types)),
                tenantId, lastEventId);
    }

    /** 400 {@code credentials_in_query} for a token in the query string: URLs end up in logs and proxies. */
    static void rejectCredentials(RoutingContext rc) {
        for (String name : rc.queryParams().names()) {
            if (CREDENTIAL_PARAMS.contains(name.toLowerCase(Locale.ROOT))) {
                throw ApiException.badRequest("credentials_in_query",
                        "credentials are not accepted in the query string: use the Authorization header or the px_token cookie");
            }
        }
    }

    /** The CLI's path names one session; the event stream takes repeated or comma-separated {@code sessionId}s. */
    private static Set<String> sessionIds(RoutingContext rc, StreamRequest.Kind kind, List<Violation> violations) {
        List<String> sessionIds = kind == StreamRequest.Kind.CLI_LOGS
                ? List.of(rc.pathParam("sessionId")) : splitAll(rc.queryParam("sessionId"));
        Set<String> sessions = new LinkedHashSet<>();
        for (String id : sessionIds) {
            if (!UUID.matcher(id).matches()) {
                violations.add(new Violation("sessionId", "must be a UUID"));
            } else {
                sessions.add(id.toLowerCase(Locale.ROOT));
            }
        }
        if (sessions.size() > MAX_SESSIONS) {
            violations.add(new Violation("sessionId", "at most " + MAX_SESSIONS + " sessions"));
        }
        return sessions;
    }

    private static String pluginId(RoutingContext rc, List<Violation> violations) {
        String pluginId = single(rc, "pluginId", violations);
        if (pluginId != null && !PLUGIN_ID.matcher(pluginId).matches()) {
            violations.add(new Violation("pluginId", "must match " + PLUGIN_ID.pattern()));
        }
        return pluginId;
    }

    private static List<String> typePrefixes(RoutingContext rc, List<Violation> violations) {
        List<String> types = splitAll(rc.queryParam("types"));
        for (String type : types) {
            if (!TYPE_PREFIX.matcher(type).matches()) {
                violations.add(new Violation("types", "'" + abbreviate(type) + "' is not an event type prefix"));
            }
        }
        if (types.size() > MAX_TYPES) {
            violations.add(new Violation("types", "at most " + MAX_TYPES + " prefixes"));
        }
        return types;
    }

    private static String tenantId(RoutingContext rc, List<Violation> violations) {
        String tenantId = single(rc, "tenantId", violations);
        if (tenantId != null && !TENANT.matcher(tenantId).matches()) {
            violations.add(new Violation("tenantId", "is not a tenant id"));
        }
        return tenantId;
    }

    // The header wins: it is what an EventSource sends back on reconnection, newer than the URL it was opened with.
    private static StreamId lastEventId(RoutingContext rc, List<Violation> violations) {
        String header = rc.request().getHeader("Last-Event-ID");
        String field = "Last-Event-ID";
        String value = header;
        if (value == null || value.isBlank()) {
            value = rc.request().getParam("last_event_id");
            field = "last_event_id";
        }
        if (value == null || value.isBlank()) {
            return null;
        }
        var parsed = StreamId.parse(value);
        if (parsed.isEmpty()) {
            violations.add(new Violation(field, "must be an event id such as 1732312345678-0"));
            return null;
        }
        return parsed.get();
    }

    private static String single(RoutingContext rc, String name, List<Violation> violations) {
        List<String> values = rc.queryParam(name);
        if (values.isEmpty() || values.getFirst().isBlank()) {
            return null;
        }
        if (values.size() > 1) {
            violations.add(new Violation(name, "give at most one"));
        }
        return values.getFirst().trim();
    }

    private static List<String> splitAll(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String value : values) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
