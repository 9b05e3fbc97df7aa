package com.powerx.devhotload.sandbox.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** A request the harness answered with {@code ok: false}, or that it never answered because it went away. */
public class HarnessError extends RuntimeException {

    private final JsonNode error;

    public HarnessError(JsonNode error) {
        super(error.path("message").asText("harness error"), null, false, false);
        this.error = error;
    }

    public static HarnessError gone(String message) {
        return new HarnessError(JsonNodeFactory.instance.objectNode().put("message", message).put("stack", "")
                .put("phase", "harness").put("code", "PLUGIN_EXITED"));
    }

    /** The protocol's error object: message, stack, phase, code, timeout, ... */
    public JsonNode error() {
        return error;
    }

    public String code() {
        return error.path("code").asText("");
    }

    public boolean timedOut() {
        return error.path("timeout").asBoolean(false) || "TIMEOUT".equals(code());
    }
}
