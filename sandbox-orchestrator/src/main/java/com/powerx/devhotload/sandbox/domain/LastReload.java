package com.powerx.devhotload.sandbox.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.contracts.state.ReloadResult;

/** The outcome of a session's latest reload, as the REST view shows it. */
public record LastReload(long sequence, ReloadResult result, Long durationMs, JsonNode phases) {
}
