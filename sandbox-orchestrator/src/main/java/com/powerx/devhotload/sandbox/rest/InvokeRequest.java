package com.powerx.devhotload.sandbox.rest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/** Body of {@code POST /internal/dev/sandboxes/{sessionId}/invoke}: the handler's name and its payload. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InvokeRequest(String handler, JsonNode payload) {
}
