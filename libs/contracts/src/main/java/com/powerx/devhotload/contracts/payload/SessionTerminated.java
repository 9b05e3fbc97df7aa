package com.powerx.devhotload.contracts.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.powerx.devhotload.contracts.EventPayload;
import com.powerx.devhotload.contracts.Required;

import java.time.Instant;

/** {@code dev.session.terminated}: a session ended on request (developer, admin, takeover or purge). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionTerminated(
        @Required String sessionId,
        // Machine-readable cause: developer | admin | takeover | purge.
        String reason,
        // Free text from the caller (?note=, the admin's reason).
        String note,
        String terminatedBy,
        Instant endedAt) implements EventPayload {
}
