package com.powerx.devhotload.contracts.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.powerx.devhotload.contracts.Required;

/** Why a reload failed: the (masked) error, its stack, and the phase it failed in (e.g. {@code load}, {@code init}). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReloadError(
        @Required String message,
        String stack,
        String phase) {
}
