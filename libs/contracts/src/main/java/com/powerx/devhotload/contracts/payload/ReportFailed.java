package com.powerx.devhotload.contracts.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.powerx.devhotload.contracts.EventPayload;
import com.powerx.devhotload.contracts.Required;

/** {@code plugin.debug.report.failed}: a report could not be built, or failed closed on a masking violation. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReportFailed(
        @Required String reportId,
        @Required String reason,
        String pluginId,
        String sessionId) implements EventPayload {
}
