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

    /**
     * Whether it can serve: its process runs, was not asked to stop, and has not announced or begun its end (a harness
     * {@code fatal}, a closed control connection). False from the first sign of an end, before the exit itself.
     */
    boolean isAlive();

    /**
     * Waits up to {@code timeoutMs} for a sandbox that is going away to be gone: its exit code, or null when it is
     * still there (or has no process).
     */
    default Integer awaitExit(long timeoutMs) {
        return null;
    }

    /** Its harness's last word (the {@code fatal} reason) when it ended on its own, else null. */
    default String exitReason() {
        return null;
    }

    /** The process id, or -1 for a sandbox without a process. */
    long pid();
}
