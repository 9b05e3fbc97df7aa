package com.powerx.devhotload.sandbox.driver;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;

/**
 * What to start: a session's version directory, its entry, (on a restart) the state to restore, the registration's
 * manifest env, and its tenant (a pod's label).
 */
public record SandboxSpec(String sessionId, String runtime, Path bundleDir, String entry, long sequence, JsonNode state,
                          String sandboxEndpoint, java.util.Map<String, String> env, String tenantId) {
}
