package com.powerx.devhotload.contracts.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.powerx.devhotload.contracts.Required;

/**
 * Why a handler call failed: the (masked) error, its stack (absent when there is none, e.g. a timeout) and the
 * sandbox protocol's code ({@code HANDLER_ERROR}, {@code TIMEOUT}, {@code PLUGIN_EXITED}, ...).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InvokeError(
        @Required String message,
        String stack,
        String code) {
}
