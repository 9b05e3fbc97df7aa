package com.powerx.devhotload.sandbox.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.contracts.payload.ReloadError;
import jakarta.enterprise.context.ApplicationScoped;

/** Errors as they leave in events: message and stack masked like log lines (a plugin may print a secret in either). */
@ApplicationScoped
public class ReloadErrors {

    private final LogPublisher logs;

    public ReloadErrors(LogPublisher logs) {
        this.logs = logs;
    }

    /** A harness's error object ({@code message}, {@code stack}, {@code phase}). */
    ReloadError of(JsonNode e) {
        return new ReloadError(mask(e.path("message").asText("reload failed")), mask(e.path("stack").asText("")),
                e.path("phase").asText(null));
    }

    String mask(String text) {
        return text == null ? null : logs.mask(text);
    }
}
