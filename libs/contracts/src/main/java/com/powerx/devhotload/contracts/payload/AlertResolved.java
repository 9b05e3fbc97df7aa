package com.powerx.devhotload.contracts.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.powerx.devhotload.contracts.EventPayload;
import com.powerx.devhotload.contracts.Required;

/** {@code plugin.debug.alert.resolved}: the condition of an open alert cleared. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertResolved(
        @Required String alertId,
        @Required String rule,
        String sessionId,
        @Required String pluginId) implements EventPayload {
}
