package com.powerx.devhotload.session.domain;

import com.powerx.devhotload.contracts.payload.BuildDiagnostic;
import com.powerx.devhotload.contracts.payload.FileRef;

import java.util.List;
import java.util.UUID;

/**
 * A reload request, whichever client form it came in, validated: the session and its token, how to derive the new
 * file list ({@code files} when given, else {@code changes} applied to the session's), and what the CLI reported of
 * its build. {@code requestedBy} is {@code developer} or {@code admin}.
 */
public record ReloadCommand(UUID sessionId, String token, Strategy strategy, List<FileChanges.Change> changes,
                            List<FileRef> files, String buildHash, Long clientSequence, Long durationMs,
                            List<BuildDiagnostic> diagnostics, boolean buildFailed, String error, String requestedBy) {

    /** How the new version is chosen (CONTRACT.md §3 {@code strategy}). */
    public enum Strategy {
        DIFF, FULL, ROLLBACK;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The admin's "reload now": the session's current bundle again, in full. */
    public static ReloadCommand reapply(Session session) {
        return new ReloadCommand(session.id(), null, Strategy.FULL, List.of(), session.files(), session.buildHash(), null, null,
                List.of(), false, null, "admin");
    }

    /** The paths named by the changes, for the reload event. */
    public List<String> changedPaths() {
        return FileChanges.paths(changes);
    }
}
