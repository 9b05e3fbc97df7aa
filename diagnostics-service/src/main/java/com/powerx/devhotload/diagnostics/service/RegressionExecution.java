package com.powerx.devhotload.diagnostics.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventSources;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.JsonText;
import com.powerx.devhotload.contracts.payload.RegressionResult;
import com.powerx.devhotload.diagnostics.config.DiagnosticsConfig;
import com.powerx.devhotload.diagnostics.domain.EvidenceEvent;
import com.powerx.devhotload.diagnostics.domain.RegressionRun;
import com.powerx.devhotload.diagnostics.domain.SessionInfo;
import com.powerx.devhotload.diagnostics.repository.EvidenceRepository;
import com.powerx.devhotload.diagnostics.repository.RegressionRepository;
import com.powerx.devhotload.diagnostics.repository.ReportRepository;
import com.powerx.devhotload.diagnostics.repository.SessionInfoRepository;
import com.powerx.devhotload.diagnostics.repository.StoredReport;
import com.powerx.devhotload.platform.outbox.Outbox;
import com.powerx.devhotload.platform.outbox.TransactionalOutbox;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;


/**
 * Replays a report's reproduction against the session's current code: the failing handler through the orchestrator's
 * invoke API, or a reload of the current bundle through session-service's admin API (whose outcome event is then read
 * from the evidence store). An ended session's report runs against the plugin's newest live session. The result is
 * stored and published ({@code plugin.debug.regression.passed|failed}) in one transaction. Peers away or a sandbox not
 * ready yet are transient: the run is tried again a few times before it fails with that reason.
 */
@ApplicationScoped
public class RegressionExecution {

    private static final Duration DB = Duration.ofSeconds(30);
    private static final int MAX_ATTEMPTS = 5;

    /** A condition worth another try (a peer unreachable, a sandbox still starting). */
    static final class Transient extends RuntimeException {
        Transient(String message) {
            super(message);
        }
    }

    /** How the run ended: passed or failed, the session, code sequence and build it ran against, and why. */
    record Outcome(boolean passed, String sessionId, String details, Long sequence, String buildHash) {
        Outcome(boolean passed, String sessionId, String details) {
            this(passed, sessionId, details, null, null);
        }
    }

    private final Pool pool;
    private final TransactionalOutbox outbox;
    private final ReportRepository reports;
    private final RegressionRepository runs;
    private final SessionInfoRepository sessions;
    private final EvidenceRepository evidence;
    private final PeerCalls peers;
    private final ReportMasking masking;
    private final DiagnosticsConfig config;

    public RegressionExecution(Pool pool, TransactionalOutbox outbox, ReportRepository reports, RegressionRepository runs,
                               SessionInfoRepository sessions, EvidenceRepository evidence, PeerCalls peers, ReportMasking masking,
                               DiagnosticsConfig config) {
        this.pool = pool;
        this.outbox = outbox;
        this.reports = reports;
        this.runs = runs;
        this.sessions = sessions;
        this.evidence = evidence;
        this.peers = peers;
        this.masking = masking;
        this.config = config;
    }

    public void run(RegressionRun run, String owner) {
        StoredReport report = reports.find(pool, run.reportId()).await().atMost(DB);
        Outcome outcome;
        try {
            outcome = replay(report);
        } catch (Transient e) {
            if (run.attempts() < MAX_ATTEMPTS) {
                Log.infof("regression run %s: %s; trying again", run.runId(), e.getMessage());
                runs.retryLater(pool, run.runId(), owner, Duration.ofSeconds(2L * run.attempts())).await().atMost(DB);
                return;
            }
            outcome = new Outcome(false, null, e.getMessage() + " (after " + run.attempts() + " tries)");
        }
        finish(run, owner, report, outcome);
    }

    private Outcome replay(StoredReport report) {
        JsonNode body = JsonText.tree(report.body());
        JsonNode repro = body.path("reproduction");
        if (!repro.isObject()) {
            return new Outcome(false, null, "the report has no reproduction: no failing invoke or reload in its window");
        }
        SessionInfo target = target(report);
        if (target == null) {
            return new Outcome(false, null, "no live session of plugin " + report.task().pluginId() + " to run against");
        }
        return "invoke".equals(repro.path("kind").asText()) ? invoke(target, repro) : reload(target, report);
    }

    /** The report's session while it lives, else the plugin's newest live one. */
    private SessionInfo target(StoredReport report) {
        SessionInfo own = report.task().sessionId() == null ? null : sessions.find(pool, report.task().sessionId()).await().atMost(DB);
        if (own != null && !own.ended()) {
            return own;
        }
        return sessions.newestActive(pool, report.task().tenantId(), report.task().pluginId()).await().atMost(DB);
    }

    private Outcome invoke(SessionInfo target, JsonNode repro) {
        String handler = repro.path("handler").asText();
        ObjectNode request = JsonNodeFactory.instance.objectNode().put("handler", handler);
        request.set("payload", repro.path("payload").isMissingNode() ? JsonNodeFactory.instance.objectNode() : repro.get("payload"));
        PeerCalls.Answer a = call(() -> peers.post(config.orchestratorUrl() + "/internal/dev/sandboxes/" + target.sessionId() + "/invoke",
                request.toString(), Duration.ofSeconds(20)));
        return switch (a.status()) {
            case 200 -> new Outcome(true, target.sessionId(), "handler " + handler + " answered in "
                    + a.body().at("/data/durationMs").asText("?") + " ms on code #" + a.body().at("/data/sequence").asText("?"),
                    a.body().at("/data/sequence").isNumber() ? a.body().at("/data/sequence").asLong() : null, target.buildHash());
            case 502 -> new Outcome(false, target.sessionId(), "handler " + handler + " still throws: " + error(a));
            case 504 -> new Outcome(false, target.sessionId(), "handler " + handler + " still times out");
            case 409, 503 -> throw new Transient("sandbox of session " + target.sessionId() + " not ready (" + a.status() + ")");
            default -> new Outcome(false, target.sessionId(), "the orchestrator answered " + a.status() + ": " + error(a));
        };
    }

    private Outcome reload(SessionInfo target, StoredReport report) {
        Instant asked = Instant.now().minusSeconds(1);
        PeerCalls.Answer a = call(() -> peers.post(config.sessionServiceUrl() + "/api/admin/dev-hotload/sessions/" + target.sessionId()
                + "/reload", "{\"reason\":\"regression run of report " + report.task().reportId() + "\"}", Duration.ofSeconds(10)));
        if (a.status() == 503 || a.status() == 409) {
            throw new Transient("session-service answered " + a.status());
        }
        if (!a.ok()) {
            return new Outcome(false, target.sessionId(), "session-service refused the reload (" + a.status() + "): " + error(a));
        }
        long sequence = a.body().at("/data/sequence").asLong();
        EvidenceEvent outcome = awaitOutcome(target, sequence, asked);
        if (outcome == null) {
            return new Outcome(false, target.sessionId(), "reload #" + sequence + " had no outcome within "
                    + config.regressionTimeout().toSeconds() + " s");
        }
        boolean passed = EventTypes.RELOADED.equals(outcome.type());
        String buildHash = JsonText.tree(outcome.data()).path("buildHash").asText(target.buildHash());
        return new Outcome(passed, target.sessionId(), passed ? "reload #" + sequence + " of the current bundle succeeded"
                : "reload #" + sequence + " still fails: " + outcome.message(), sequence, buildHash);
    }

    private EvidenceEvent awaitOutcome(SessionInfo target, long sequence, Instant since) {
        long deadline = System.nanoTime() + config.regressionTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            EvidenceEvent e = evidence.reloadOutcome(pool, target.tenantId(), target.sessionId(), sequence, since).await().atMost(DB);
            if (e != null) {
                return e;
            }
            sleep(200);
        }
        return null;
    }

    private void finish(RegressionRun run, String owner, StoredReport report, Outcome outcome) {
        String details = masking.maskText(outcome.details(), new HashMap<>());
        RegressionResult payload = new RegressionResult(run.reportId().toString(), run.runId().toString(), outcome.passed(), details,
                report.fingerprint(), report.task().pluginId(), outcome.sessionId(), outcome.sequence(), outcome.buildHash());
        CloudEvent event = CloudEvent.create(EventSources.DIAGNOSTICS_SERVICE,
                outcome.passed() ? EventTypes.REGRESSION_PASSED : EventTypes.REGRESSION_FAILED, run.runId().toString(),
                report.task().tenantId(), report.task().pluginId(), outcome.sessionId(), payload);
        outbox.inTransaction(tx -> runs.finish(tx, run.runId(), owner, outcome.passed(), outcome.sessionId(), details)
                .flatMap(stored -> stored ? Outbox.append(tx, event) : Uni.createFrom().voidItem())).await().atMost(DB);
    }

    private static String error(PeerCalls.Answer a) {
        if (a.body() == null) {
            return "no details";
        }
        JsonNode d = a.body().at("/details/error");
        return d.isMissingNode() ? a.body().path("message").asText("no details") : d.isTextual() ? d.asText() : d.path("message").asText(d.toString());
    }

    private interface Call {
        PeerCalls.Answer send() throws IOException, InterruptedException;
    }

    private static PeerCalls.Answer call(Call call) {
        try {
            return call.send();
        } catch (IOException e) {
            throw new Transient("peer unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Transient("interrupted");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
