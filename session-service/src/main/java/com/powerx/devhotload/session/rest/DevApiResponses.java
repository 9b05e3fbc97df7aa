package com.powerx.devhotload.session.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.powerx.devhotload.contracts.state.ReloadStatus;
import com.powerx.devhotload.contracts.state.SessionStatus;
import com.powerx.devhotload.session.config.DevApiConfig;
import com.powerx.devhotload.session.domain.Session;
import com.powerx.devhotload.session.repository.AuditRepository.AuditRecord;
import com.powerx.devhotload.session.service.Registration;
import com.powerx.devhotload.session.service.ReloadOutcome;
import com.powerx.devhotload.session.service.SessionQueries;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The {@code data} of every Dev API answer (CONTRACT.md §3), one record per shape, so /q/openapi shows them. */
public final class DevApiResponses {

    private DevApiResponses() {
    }

    /** {@code POST /register} → 201. */
    public record Registered(String sessionId, String reloadToken, SessionStatus status, Instant expiresAt, String pluginId,
                             String version, String runtime, List<String> missingBlobs, String streamUrl, String logUrl,
                             String adminUrl) {
        static Registered of(Registration r, DevApiConfig config) {
            Session s = r.session();
            return new Registered(s.id().toString(), r.reloadToken(), s.status(), s.expiresAt(), s.pluginId(), s.version(),
                    s.runtime(), r.missingBlobs(), SessionView.streamUrl(s, config), SessionView.logUrl(s, config),
                    SessionView.adminUrl(s, config));
        }
    }

    /** {@code POST /reload} → 202, or 200 with {@code outcome} when {@code ?wait} saw the sandbox's answer. */
    public record ReloadAnswer(String sessionId, long sequence, String reloadId, ReloadStatus status, List<String> missingBlobs,
                               Long clientSequence, @JsonInclude(JsonInclude.Include.NON_NULL) ReloadOutcome.SandboxOutcome outcome) {
        static ReloadAnswer of(ReloadOutcome o) {
            return new ReloadAnswer(o.sessionId().toString(), o.sequence(), o.reloadId().toString(), o.status(), o.missingBlobs(),
                    o.clientSequence(), o.outcome());
        }
    }

    /** {@code GET /sessions}. */
    public record SessionPage(List<SessionView> items, int limit, int offset, long total) {
    }

    /** {@code GET /api/admin/dev-hotload/sessions}. */
    public record AdminSessionPage(List<SessionView> items, int page, int size, long total, SessionQueries.Metrics metrics) {
    }

    /** A terminate, by the developer ({@code auditId} omitted) or by an admin. */
    public record Ended(String sessionId, SessionStatus status, @JsonInclude(JsonInclude.Include.NON_NULL) String note,
                        @JsonInclude(JsonInclude.Include.NON_NULL) UUID auditId) {
    }

    /** {@code DELETE /sessions} (bulk purge). */
    public record Purged(int deleted, List<UUID> sessionIds, boolean force) {
    }

    /** {@code POST /sessions/{id}/heartbeat}. */
    public record Heartbeat(Instant expiresAt) {
    }

    /** {@code POST /sessions/{id}/resume}: the new token; the old one stopped working. */
    public record Resumed(String sessionId, String reloadToken) {
    }

    /** {@code POST /api/admin/dev-hotload/sessions/{id}/reload} → 202. */
    public record AdminReloaded(String sessionId, long sequence, UUID auditId) {
    }

    /** {@code GET /api/admin/dev-hotload/audit}. */
    public record AuditPage(List<AuditRecord> items) {
    }
}
