package com.powerx.devhotload.sandbox.driver;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;

/** What to start: a session's version directory, its entry, (on a restart) the state to restore, and the registration's manifest env. */
public record SandboxSpec(String sessionId, String runtime, Path bundleDir, String entry, long sequence, JsonNode state,
                          String sandboxEndpoint, java.util.Map<String, String> env) {
}
