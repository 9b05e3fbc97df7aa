package com.powerx.devhotload.stream;

import java.util.List;

/**
 * A validated request for a stream, before authorization.
 *
 * @param kind        the admin/CLI event stream, or the Go CLI's log stream of one session
 * @param tenantId    the tenant a global admin asks for; null means the caller's own
 * @param lastEventId where to resume (Last-Event-ID header, else {@code last_event_id}); null means "from now"
 */
public record StreamRequest(Kind kind, List<String> sessionIds, String pluginId, List<String> typePrefixes,
                            String tenantId, StreamId lastEventId) {

    /** Which endpoint was called. */
    public enum Kind { EVENTS, CLI_LOGS }

    public StreamRequest {
        sessionIds = List.copyOf(sessionIds);
        typePrefixes = List.copyOf(typePrefixes);
    }
}
