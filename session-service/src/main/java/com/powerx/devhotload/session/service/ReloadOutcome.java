package com.powerx.devhotload.session.service;

import java.util.List;
import java.util.UUID;

/** The answer to a reload request, stored for x-reload-id replays. {@code outcome} is set only for {@code ?wait}. */
public record ReloadOutcome(UUID sessionId, long sequence, UUID reloadId, String status, List<String> missingBlobs,
                            Long clientSequence, SandboxOutcome outcome) {

    /** What the sandbox did with the reload. */
    public record SandboxOutcome(String result, Long durationMs, String error) {
    }

    public ReloadOutcome withOutcome(SandboxOutcome o) {
        return new ReloadOutcome(sessionId, sequence, reloadId, status, missingBlobs, clientSequence, o);
    }
}
