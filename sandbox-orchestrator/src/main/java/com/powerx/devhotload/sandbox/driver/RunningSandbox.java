package com.powerx.devhotload.sandbox.driver;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * A started sandbox. Results are the harness's {@code result} objects (docs/sandbox-protocol.md §4); a request the
 * harness answers with {@code ok: false} completes exceptionally with a {@link HarnessError}.
 */
public interface RunningSandbox {

    /** The first load's result ({@code durationMs}, {@code phases}). */
    JsonNode loadResult();

    CompletableFuture<JsonNode> reload(Path dir, String entry, long sequence);

    CompletableFuture<JsonNode> invoke(String handler, JsonNode payload, int timeoutMs);

    CompletableFuture<JsonNode> getState();

    /** {@code rssBytes}, {@code sequence}, ...; null fields for a sandbox without a process. */
    CompletableFuture<JsonNode> ping();

    /** Whether it can run handlers (external sandboxes cannot: their code runs on the developer's machine). */
    boolean invocable();

    /** Asks it to shut down, then ends the process if it does not; blocks until it is gone. */
    void stop();

    boolean isAlive();

    /** The process id, or -1 for a sandbox without a process. */
    long pid();
}
