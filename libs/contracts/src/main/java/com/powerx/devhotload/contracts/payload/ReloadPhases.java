package com.powerx.devhotload.contracts.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** How long each step of an in-place reload took, in milliseconds; a step that did not run is absent. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReloadPhases(
        Long saveStateMs,
        Long teardownMs,
        Long loadMs,
        Long initMs,
        Long restoreStateMs,
        Long onReloadMs) {
}
