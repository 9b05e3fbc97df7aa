package com.powerx.devhotload.contracts.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.powerx.devhotload.contracts.AllowedValues;
import com.powerx.devhotload.contracts.EventPayload;
import com.powerx.devhotload.contracts.Required;

import java.time.Instant;

/** {@code dev.session.log}: one masked line of plugin output, or a count of lines suppressed by the rate limit. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionLog(
        @Required Instant timestamp,
        @Required @AllowedValues({"debug", "info", "warn", "error"}) String level,
        // stdout | stderr | console | harness | ...
        @Required String source,
        @Required String message,
        Long reloadSeq,
        // Lines dropped over PX_DEV_LOG_RATE since the last such event: reported, never silently lost.
        Long suppressed) implements EventPayload {
}
