package com.powerx.devhotload.session.domain;

import com.powerx.devhotload.contracts.payload.FileRef;
import com.powerx.devhotload.contracts.state.ReloadResult;
import com.powerx.devhotload.contracts.state.ReloadStatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One reload of a session: what was asked ({@code status}) and, once the sandbox reported, what became of it. */
public record Reload(UUID sessionId, long sequence, UUID reloadId, Long clientSequence, String strategy, List<FileRef> files,
                     List<String> changedFiles, String buildHash, ReloadStatus status, ReloadResult result, String resultError,
                     Long durationMs, Instant requestedAt, Instant completedAt) {
}
