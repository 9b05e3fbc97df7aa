package com.powerx.devhotload.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.powerx.devhotload.cli.CliException;
import com.powerx.devhotload.cli.Exit;
import com.powerx.devhotload.cli.api.ApiClient;
import com.powerx.devhotload.cli.api.Auth;
import com.powerx.devhotload.cli.api.DiagnosticsApi;
import com.powerx.devhotload.cli.config.DevSession;
import com.powerx.devhotload.cli.output.Event;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code px-plugin debug report [SESSION]} and {@code debug regression REPORT}: diagnostics-service from the terminal. */
@Command(name = "debug", mixinStandardHelpOptions = true, description = "Debug reports and regression runs.",
        subcommands = {DebugCommand.Report.class, DebugCommand.Regression.class})
public final class DebugCommand implements Runnable {

    private static final Duration POLL = Duration.ofMillis(500);

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "name a subcommand: report or regression");
    }

    /** {@code debug report [SESSION]}: asks for a report of the session, waits until it is ready, prints it. */
    @Command(name = "report", mixinStandardHelpOptions = true, description = "Build a debug report of a session and print it (Markdown, or --json).")
    public static final class Report extends Subcommand implements Callable<Integer> {

        @Parameters(arity = "0..1", paramLabel = "SESSION", description = "Session id (default: the cached session).")
        String sessionId;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120", description = "How long to wait for the report.")
        long timeoutSeconds;

        @Override
        public Integer call() {
            CliContext ctx = ctx();
            Optional<DevSession> cached = ctx.sessions().load();
            String id = sessionId != null ? sessionId : cached.map(DevSession::sessionId)
                    .orElseThrow(() -> CliException.invalid("no session given and none cached", "px-plugin debug report SESSION"));
            Auth auth = authFor(ctx, cached, id);
            DiagnosticsApi api = ctx.diagnostics();
            ObjectNode body = ApiClient.JSON.createObjectNode().put("sessionId", id).put("notes", "px-plugin debug report");
            cached.filter(s -> s.sessionId().equals(id)).ifPresent(s -> body.put("pluginId", s.pluginId()));
            String reportId = api.requestReport(body, auth);
            JsonNode report = poll(() -> api.report(reportId, auth), Set.of("ready", "failed"), Duration.ofSeconds(timeoutSeconds), "report " + reportId);
            if (report.path("status").asText().equals("failed")) {
                throw CliException.api("DEBUG_REPORT_FAILED", "report " + reportId + " failed: " + report.path("summary").asText(""), null);
            }
            if (ctx.printer().json()) {
                ctx.printer().event(Event.of("report").sessionId(id).put("reportId", reportId).put("report", report));
            } else {
                ctx.printer().line(api.reportMarkdown(reportId, auth));
            }
            return Exit.OK;
        }
    }

    /** {@code debug regression REPORT}: replays the report's failure on the current code; exit 1 when it still fails. */
    @Command(name = "regression", mixinStandardHelpOptions = true, description = "Replay a report's failure against the current code.")
    public static final class Regression extends Subcommand implements Callable<Integer> {

        @Parameters(paramLabel = "REPORT", description = "Report id.")
        String reportId;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120", description = "How long to wait for the run.")
        long timeoutSeconds;

        @Override
        public Integer call() {
            CliContext ctx = ctx();
            Optional<DevSession> cached = ctx.sessions().load();
            Auth auth = authFor(ctx, cached, null);
            DiagnosticsApi api = ctx.diagnostics();
            String runId = api.runRegression(reportId, auth);
            JsonNode run = poll(() -> api.regression(runId, auth), Set.of("passed", "failed"), Duration.ofSeconds(timeoutSeconds), "run " + runId);
            String status = run.path("status").asText();
            ctx.printer().event(Event.of(status.equals("passed") ? "passed" : "failed").message("regression run " + runId + " of report " + reportId + ": " + status)
                    .put("runId", runId).put("reportId", reportId).put("details", run.path("details")));
            return status.equals("passed") ? Exit.OK : Exit.INVALID;
        }
    }

    // The developer's JWT when there is one; otherwise the cached session's reload token (diagnostics accepts it for its own reports).
    static Auth authFor(CliContext ctx, Optional<DevSession> cached, String sessionId) {
        if (ctx.endpoints().token() != null) {
            return Auth.developer(ctx.endpoints().token());
        }
        return cached.filter(s -> sessionId == null || s.sessionId().equals(sessionId))
                .map(s -> Auth.session(s.sessionId(), s.reloadToken())).orElse(Auth.NONE);
    }

    static JsonNode poll(java.util.function.Supplier<JsonNode> read, Set<String> done, Duration timeout, String what) {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode last;
        do {
            last = read.get();
            if (done.contains(last.path("status").asText())) {
                return last;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (Instant.now().isBefore(deadline));
        throw CliException.api("DEBUG_TIMEOUT", what + " not finished within " + timeout.toSeconds() + " s (status " + last.path("status").asText() + ")",
                "try again later");
    }
}
