package com.powerx.devhotload.diagnostics.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.diagnostics.config.DiagnosticsConfig;
import com.powerx.devhotload.diagnostics.domain.Evidence;
import com.powerx.devhotload.diagnostics.domain.ReportStatus;
import com.powerx.devhotload.diagnostics.domain.ReportTask;
import com.powerx.devhotload.diagnostics.domain.ReportTemplate;
import com.powerx.devhotload.diagnostics.repository.ReportOutput;
import com.powerx.devhotload.diagnostics.repository.ReportRepository;
import com.powerx.devhotload.diagnostics.service.OutputGuard.MaskingViolation;
import com.powerx.devhotload.diagnostics.service.ReportAssembler.Assembled;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.logging.Log;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One task from claim to ready or failed, each state persisted before its work starts: collecting (read the
 * evidence), masking (assemble, mask, render, verify), then ready with its event — or failed. A kill anywhere leaves
 * the task in its last state under a lease that runs out, and the next worker does it again from the evidence: every
 * step is a pure function of the store, so doing it twice gives the same report.
 */
@ApplicationScoped
public class ReportGeneration {

    private static final Duration DB = Duration.ofSeconds(30);

    private final Pool pool;
    private final ReportRepository reports;
    private final EvidenceCollector collector;
    private final ReportAssembler assembler;
    private final ReportMasking masking;
    private final OutputGuard guard;
    private final ReportPublisher publisher;
    private final ReportTemplate template;
    private final DiagnosticsMetrics metrics;
    private final DiagnosticsConfig config;

    public ReportGeneration(Pool pool, ReportRepository reports, EvidenceCollector collector, ReportAssembler assembler,
                            ReportMasking masking, OutputGuard guard, ReportPublisher publisher, ReportTemplate template,
                            DiagnosticsMetrics metrics, DiagnosticsConfig config) {
        this.pool = pool;
        this.reports = reports;
        this.collector = collector;
        this.assembler = assembler;
        this.masking = masking;
        this.guard = guard;
        this.publisher = publisher;
        this.template = template;
        this.metrics = metrics;
        this.config = config;
    }

    @WithSpan
    public void run(ReportTask task, String owner) {
        Instant started = Instant.now();
        try {
            if (!advance(task, owner, ReportStatus.COLLECTING)) {
                return;
            }
            Evidence evidence = collector.collect(task);
            if (!advance(task, owner, ReportStatus.MASKING)) {
                return;
            }
            ReportOutput out = render(task, evidence, started);
            if (publisher.ready(task, owner, out).await().atMost(DB)) {
                metrics.generated(Duration.between(started, Instant.now()));
            }
        } catch (MaskingViolation e) {
            Log.errorf("report %s failed closed: %s", task.reportId(), e.getMessage());
            fail(task, owner, "masking-violation", e.getMessage());
        } catch (RuntimeException e) {
            retryOrFail(task, owner, e);
        }
    }

    private ReportOutput render(ReportTask task, Evidence evidence, Instant started) {
        Assembled a = assembler.assemble(task, evidence, template);
        masking.apply(a.body(), template);
        a.body().put("generatedAt", Instant.now().toString()).put("generationMs", Duration.between(started, Instant.now()).toMillis());
        String json = a.body().toString();
        String markdown = MarkdownReport.render(a.body());
        Map<String, Integer> bundleRules = new TreeMap<>();
        byte[] bundle = LogBundles.ndjsonGzip(a.logLines(), masking::maskText, bundleRules);
        Set<String> ownIds = ownIds(task, a);
        guard.requireClean("report JSON", json, ownIds);
        guard.requireClean("report Markdown", markdown, ownIds);
        guard.requireClean("log bundle", LogBundles.gunzip(bundle), ownIds);
        return new ReportOutput(a.body().path("fingerprint").asText(), a.body().path("title").asText(), a.body().path("summary").asText(),
                json, markdown, bundle, a.body().path("generationMs").asLong(), failedSequence(a.body()),
                a.body().at("/environment/buildHash").asText(null));
    }

    /** The reload sequence the failure happened on: the reproduction's, else the last reload's (null: unknown). */
    private static Long failedSequence(JsonNode body) {
        JsonNode seq = body.at("/reproduction/sequence");
        if (seq.isNumber()) {
            return seq.asLong();
        }
        JsonNode reloads = body.path("reloads");
        return reloads.isArray() && !reloads.isEmpty() ? reloads.get(reloads.size() - 1).path("sequence").asLong() : null;
    }

    /** The report's own ids and those of the sessions and events its lines came from (set aside in one pass). */
    private static Set<String> ownIds(ReportTask task, Assembled a) {
        Set<String> ids = new HashSet<>();
        a.logLines().forEach(e -> {
            ids.add(e.sessionId());
            ids.add(e.eventId());
        });
        ids.add(task.reportId().toString());
        for (String id : new String[] {task.sessionId(), task.alertId(), task.traceId()}) {
            ids.add(id);
        }
        ids.remove(null);
        return ids;
    }

    private boolean advance(ReportTask task, String owner, ReportStatus status) {
        boolean held = reports.advance(pool, task.reportId(), owner, status).await().atMost(DB);
        if (!held) {
            Log.infof("report %s was taken over by another instance", task.reportId());
        }
        return held;
    }

    private void retryOrFail(ReportTask task, String owner, RuntimeException e) {
        if (task.attempts() >= config.maxAttempts()) {
            Log.errorf(e, "report %s failed after %d attempts", task.reportId(), task.attempts());
            fail(task, owner, "error", "gave up after " + task.attempts() + " attempts: " + e.getClass().getSimpleName());
            return;
        }
        Duration backoff = Duration.ofMillis(Math.min(30_000, 500L << Math.min(6, task.attempts())));
        Log.warnf("report %s: attempt %d failed (%s), retrying in %d ms", task.reportId(), task.attempts(), e.getMessage(), backoff.toMillis());
        try {
            reports.retryLater(pool, task.reportId(), owner, backoff, e.getClass().getSimpleName()).await().atMost(DB);
        } catch (RuntimeException again) {
            // The database is away: the lease runs out and the task is claimed again, which is the same retry.
            Log.warnf("report %s: cannot schedule the retry (%s); its lease will run out", task.reportId(), again.getMessage());
        }
    }

    private void fail(ReportTask task, String owner, String metricReason, String reason) {
        metrics.failed(metricReason);
        try {
            publisher.failed(task, owner, reason).await().atMost(DB);
        } catch (RuntimeException e) {
            Log.warnf("report %s: cannot store its failure (%s); its lease will run out and it is tried again", task.reportId(), e.getMessage());
        }
    }
}
