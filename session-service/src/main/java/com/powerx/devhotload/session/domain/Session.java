package com.powerx.devhotload.session.domain;

import com.powerx.devhotload.contracts.payload.FileRef;
import com.powerx.devhotload.contracts.state.SandboxState;
import com.powerx.devhotload.contracts.state.SessionStatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A plugin development session: one developer, one plugin, one sandbox, many reloads. Immutable; a change of state
 * is a row update in {@code SessionRepository}, read back as a new {@code Session}. Built with {@link #builder()}
 * (27 components are too many to pass by position).
 */
public record Session(
        UUID id,
        String tenantId,
        String developerId,
        String pluginId,
        String version,
        String runtime,
        String entry,
        SessionStatus status,
        SandboxState sandboxState,
        String sandboxLastError,
        byte[] reloadTokenHash,
        List<FileRef> files,
        List<FileRef> goodFiles,
        String buildHash,
        String sandboxEndpoint,
        String cliVersion,
        Map<String, Object> metadata,
        long lastSequence,
        int reloadCount,
        Long lastReloadSequence,
        String lastReloadResult,
        Long lastReloadMs,
        Instant lastReloadAt,
        Instant createdAt,
        Instant expiresAt,
        Instant endedAt,
        String terminationNote) {

    public boolean isLive() {
        return status.isLive();
    }

    /** A session without files: its reloads are notifications (CONTRACT.md §3). */
    public boolean hasBundle() {
        return files != null && !files.isEmpty();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Named setters for the components; unset ones stay null (or 0). */
    public static final class Builder {
        private UUID id;
        private String tenantId;
        private String developerId;
        private String pluginId;
        private String version;
        private String runtime;
        private String entry;
        private SessionStatus status;
        private SandboxState sandboxState;
        private String sandboxLastError;
        private byte[] reloadTokenHash;
        private List<FileRef> files;
        private List<FileRef> goodFiles;
        private String buildHash;
        private String sandboxEndpoint;
        private String cliVersion;
        private Map<String, Object> metadata;
        private long lastSequence;
        private int reloadCount;
        private Long lastReloadSequence;
        private String lastReloadResult;
        private Long lastReloadMs;
        private Instant lastReloadAt;
        private Instant createdAt;
        private Instant expiresAt;
        private Instant endedAt;
        private String terminationNote;

        private Builder() {
        }

        public Builder id(UUID v) { id = v; return this; }
        public Builder owner(String tenant, String developer) { tenantId = tenant; developerId = developer; return this; }
        public Builder plugin(String id, String v, String rt, String ent) { pluginId = id; version = v; runtime = rt; entry = ent; return this; }
        public Builder status(SessionStatus v) { status = v; return this; }
        public Builder sandbox(SandboxState state, String lastError) { sandboxState = state; sandboxLastError = lastError; return this; }
        public Builder reloadTokenHash(byte[] v) { reloadTokenHash = v; return this; }
        public Builder bundle(List<FileRef> f, List<FileRef> good, String hash) { files = f; goodFiles = good; buildHash = hash; return this; }
        public Builder client(String endpoint, String cli, Map<String, Object> meta) { sandboxEndpoint = endpoint; cliVersion = cli; metadata = meta; return this; }
        public Builder sequence(long last, int count) { lastSequence = last; reloadCount = count; return this; }
        public Builder lastReload(Long sequence, String result, Long ms, Instant at) {
            lastReloadSequence = sequence; lastReloadResult = result; lastReloadMs = ms; lastReloadAt = at; return this;
        }
        public Builder times(Instant created, Instant expires, Instant ended) { createdAt = created; expiresAt = expires; endedAt = ended; return this; }
        public Builder terminationNote(String v) { terminationNote = v; return this; }

        public Session build() {
            return new Session(id, tenantId, developerId, pluginId, version, runtime, entry, status, sandboxState, sandboxLastError,
                    reloadTokenHash, files, goodFiles, buildHash, sandboxEndpoint, cliVersion, metadata, lastSequence, reloadCount,
                    lastReloadSequence, lastReloadResult, lastReloadMs, lastReloadAt, createdAt, expiresAt, endedAt, terminationNote);
        }
    }
}
