package com.powerx.devhotload.sandbox.driver;

import com.fasterxml.jackson.databind.JsonNode;

/** A sandbox that could not start; {@code error} is the harness's error object when its first load failed. */
public class SandboxStartException extends Exception {

    private final String phase;
    private final String stack;

    public SandboxStartException(String message, String phase, String stack) {
        super(message, null, false, false);
        this.phase = phase;
        this.stack = stack;
    }

    public static SandboxStartException of(HarnessError error) {
        JsonNode e = error.error();
        return new SandboxStartException(e.path("message").asText("load failed"), e.path("phase").asText("load"),
                e.path("stack").asText(""));
    }

    public String phase() {
        return phase;
    }

    public String stack() {
        return stack;
    }
}
