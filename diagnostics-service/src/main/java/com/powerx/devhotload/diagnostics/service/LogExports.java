package com.powerx.devhotload.diagnostics.service;

import com.powerx.devhotload.diagnostics.domain.EvidenceEvent;
import com.powerx.devhotload.diagnostics.domain.ReportWindow;
import com.powerx.devhotload.diagnostics.repository.EvidenceRepository;
import com.powerx.devhotload.diagnostics.service.CallerScope.Scope;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.ErrorCode;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Admin panel's "export logs": a session's or plugin's masked log lines of a window as NDJSON, gzip — the same
 * evidence reports use, masked again and verified as a whole like a report (fail closed: a hit is a 500-free refusal).
 */
@ApplicationScoped
public class LogExports {

    /** Lines one export carries at most (newest kept); a larger need is several windows. */
    public static final int MAX_LINES = 200_000;

    /** The export: its gzip bytes and how many lines it holds. */
    public record Export(byte[] gzip, int lines, boolean truncated) {
    }

    private final Pool pool;
    private final EvidenceRepository evidence;
    private final CallerScope scopes;
    private final ReportMasking masking;
    private final OutputGuard guard;

    public LogExports(Pool pool, EvidenceRepository evidence, CallerScope scopes, ReportMasking masking, OutputGuard guard) {
        this.pool = pool;
        this.evidence = evidence;
        this.scopes = scopes;
        this.masking = masking;
        this.guard = guard;
    }

    @WithSpan
    public Uni<Export> export(Scope scope, String sessionId, String pluginId, ReportWindow window, String level) {
        Uni<String[]> target = sessionId != null || scope.sessionId() != null
                ? scopes.visibleSession(scope, sessionId != null ? sessionId : scope.sessionId())
                        .map(s -> new String[] {s.tenantId(), s.pluginId(), s.sessionId()})
                : Uni.createFrom().item(new String[] {scope.tenantId(), pluginId, null});
        return target.flatMap(t -> evidence.logs(pool, t[0], t[1], t[2], window, level, MAX_LINES + 1))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(this::render);
    }

    private Export render(List<EvidenceEvent> newestFirst) {
        Set<String> ownIds = new HashSet<>();
        newestFirst.forEach(e -> {
            ownIds.add(e.sessionId());
            ownIds.add(e.eventId());
        });
        ownIds.remove(null);
        boolean truncated = newestFirst.size() > MAX_LINES;
        List<EvidenceEvent> lines = new ArrayList<>(truncated ? newestFirst.subList(0, MAX_LINES) : newestFirst);
        Collections.reverse(lines);
        byte[] gzip = LogBundles.ndjsonGzip(lines, masking::maskText, new TreeMap<>());
        try {
            guard.requireClean("log export", LogBundles.gunzip(gzip), ownIds);
        } catch (OutputGuard.MaskingViolation e) {
            throw new ApiException(ErrorCode.DEV_CONFLICT, "MASKING_VIOLATION",
                    "the export was refused: the masking verifier found an unmasked secret in it (" + e.getMessage() + ")");
        }
        return new Export(gzip, lines.size(), truncated);
    }
}
