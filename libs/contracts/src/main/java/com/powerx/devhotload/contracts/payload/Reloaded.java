package com.powerx.devhotload.contracts.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.powerx.devhotload.contracts.EventPayload;
import com.powerx.devhotload.contracts.Required;

import java.util.List;

/** {@code dev.session.reloaded}: the new code serves with its state kept; with the time each reload phase took. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Reloaded(
        @Required long sequence,
        @Required long durationMs,
        ReloadPhases phases,
        List<String> changedFiles,
        String buildHash,
        // Reloads coalesced into this one (newest wins, CONTRACT.md §3): reported here, not dropped.
        List<Long> supersededSequences) implements EventPayload {
}
