package com.powerx.devhotload.sandbox.domain;

import com.fasterxml.jackson.databind.JsonNode;

/** The outcome of a session's latest reload, as the REST view shows it. */
public record LastReload(long sequence, String result, Long durationMs, JsonNode phases) {
}
