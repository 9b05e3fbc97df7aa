package com.powerx.devhotload.session.service;

import com.powerx.devhotload.contracts.state.ReloadResult;
import com.powerx.devhotload.contracts.state.ReloadStatus;

import java.util.List;
import java.util.UUID;

/** The answer to a reload request, stored for x-reload-id replays. {@code outcome} is set only for {@code ?wait}. */
public record ReloadOutcome(UUID sessionId, long sequence, UUID reloadId, ReloadStatus status, List<String> missingBlobs,
                            Long clientSequence, SandboxOutcome outcome) {

    /** What the sandbox did with the reload. */
    public record SandboxOutcome(ReloadResult result, Long durationMs, String error) {
    }

    public ReloadOutcome withOutcome(SandboxOutcome o) {
        return new ReloadOutcome(sessionId, sequence, reloadId, status, missingBlobs, clientSequence, o);
    }
}
