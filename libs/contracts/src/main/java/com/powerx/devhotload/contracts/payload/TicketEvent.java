package com.powerx.devhotload.contracts.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.powerx.devhotload.contracts.AllowedValues;
import com.powerx.devhotload.contracts.EventPayload;
import com.powerx.devhotload.contracts.Required;

import java.util.List;

/** {@code plugin.debug.ticket.created|updated|closed|reopened}: a tracker ticket's state after a change. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TicketEvent(
        @Required String ticketId,
        @Required @AllowedValues({"local", "jira", "github", "webhook"}) String provider,
        // The tracker's own key, e.g. PX-123 or acme/counter#45.
        String key,
        String url,
        @Required String fingerprint,
        @Required String state,
        List<String> reportIds,
        String pluginId) implements EventPayload {
}
