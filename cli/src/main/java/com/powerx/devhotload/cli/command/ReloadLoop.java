package com.powerx.devhotload.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.powerx.devhotload.cli.CliException;
import com.powerx.devhotload.cli.api.ApiClient;
import com.powerx.devhotload.cli.api.ApiResponse;
import com.powerx.devhotload.cli.api.DevApi;
import com.powerx.devhotload.cli.bundle.Bundle;
import com.powerx.devhotload.cli.bundle.LintProblem;
import com.powerx.devhotload.cli.bundle.PluginBuild;
import com.powerx.devhotload.cli.config.DevSession;
import com.powerx.devhotload.cli.output.ErrorLocation;
import com.powerx.devhotload.cli.output.Event;
import com.powerx.devhotload.cli.output.Printer;
import com.powerx.devhotload.cli.telemetry.TelemetryEvent;
import com.powerx.devhotload.cli.watch.RecursiveWatcher;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One batch of saves → one reload: build, re-bundle, upload only the new blobs, {@code POST /reload?wait=30} with a
 * fresh {@code x-reload-id}, print the outcome with its time and, on failure, the file and line it points at.
 */
final class ReloadLoop {

    static final int WAIT_SECONDS = 30;

    private final CliContext ctx;
    private final PluginFolder folder;
    private final DevApi api;
    private final Printer printer;
    private final Consumer<CliException> onSessionLost;
    private final FailureStacks stacks;
    private DevSession session;
    private Map<String, String> sent;

    ReloadLoop(CliContext ctx, PluginFolder folder, DevSession session, FailureStacks stacks, Consumer<CliException> onSessionLost) {
        this.stacks = stacks;
        this.ctx = ctx;
        this.folder = folder;
        this.api = ctx.devApi();
        this.printer = ctx.printer();
        this.session = session;
        this.sent = session.files() == null ? Map.of() : session.files();
        this.onSessionLost = onSessionLost;
    }

    /** Handles one debounced batch of changed paths; never throws (the watch goes on after a failed reload). */
    void onBatch(Set<String> paths) {
        long start = System.nanoTime();
        try {
            reload(paths, start);
        } catch (CliException e) {
            ctx.telemetry().error(e.errorCode(), session.sessionId(), session.pluginId());
            ctx.devLog().write("error", "reload", e.getMessage(), session.sessionId(), session.tenantId(), null, e.errorCode());
            printer.error(e, session.sessionId());
            if ("DEV_SESSION_ENDED".equals(e.errorCode()) || "DEV_UNAUTHORIZED".equals(e.errorCode()) || "DEV_NOT_FOUND".equals(e.errorCode())) {
                onSessionLost.accept(e);
            }
        } catch (RuntimeException e) {
            printer.error(new CliException(1, "CLI_INTERNAL", "reload failed: " + e, null), session.sessionId());
        }
    }

    private void reload(Set<String> paths, long start) {
        if (paths.stream().anyMatch(p -> ManifestNames.is(p))) {
            folder.reload();
        }
        PluginBuild.Result build = folder.build(printer, ctx.telemetry(), session.sessionId());
        if (build != null && !build.success()) {
            recordBuildFailure(build, paths);
            return;
        }
        Bundle bundle = folder.scan();
        List<LintProblem> problems = folder.lint(bundle);
        if (!problems.isEmpty()) {
            PluginFolder.report(problems, printer, true);
            printer.event(Event.of("failed").sessionId(session.sessionId()).error(problems.size() + " problem(s): " + problems.getFirst())
                    .message("not reloaded; fix the problems and save again"));
            return;
        }
        Set<String> changed = changedFiles(paths, bundle);
        if (changed.isEmpty()) {
            return; // only temp files came and went: nothing the sandbox would see
        }
        printer.event(Event.of("reloading").sessionId(session.sessionId()).message(String.join(", ", changed)));
        Set<String> newBlobs = new HashSet<>(bundle.blobs().keySet());
        newBlobs.removeAll(sent.values());
        BlobUpload.Result uploaded = BlobUpload.uploadChanged(api, SessionStarter.auth(session), bundle, newBlobs);
        if (uploaded.blobs() > 0) {
            printer.event(Event.of("uploaded").sessionId(session.sessionId()).bytes(uploaded.bytes()).message(uploaded.blobs() + " changed blob(s)"));
        }
        ObjectNode body = reloadBody(bundle, changed, build == null ? null : build.durationMs());
        ApiResponse response = api.reload(body, UUID.randomUUID().toString(), WAIT_SECONDS, SessionStarter.auth(session));
        sent = bundle.hashes();
        ctx.sessions().save(session = session.withFiles(sent));
        report(response.data(), bundle, start);
    }

    private Set<String> changedFiles(Set<String> paths, Bundle bundle) {
        Set<String> changed = new TreeSet<>(bundle.changedSince(sent));
        // A save with unchanged content is still a save: the developer asked for a reload of that file.
        paths.stream().filter(p -> !p.equals(RecursiveWatcher.RESCAN) && bundle.contains(p)).forEach(changed::add);
        return changed;
    }

    private ObjectNode reloadBody(Bundle bundle, Set<String> changed, Long buildMs) {
        ObjectNode body = ApiClient.JSON.createObjectNode();
        body.put("sessionId", session.sessionId()).put("reloadToken", session.reloadToken());
        ArrayNode changedFiles = body.putArray("changedFiles");
        changed.forEach(changedFiles::add);
        body.set("files", bundle.fileRefs());
        body.put("buildHash", bundle.buildHash()).put("strategy", "diff").put("success", true);
        if (buildMs != null) {
            body.put("durationMs", buildMs);
        }
        return body;
    }

    // A failed build is still sent, as recorded-only: the Admin sees the build error and the sandbox keeps its code.
    private void recordBuildFailure(PluginBuild.Result build, Set<String> paths) {
        ObjectNode body = ApiClient.JSON.createObjectNode();
        body.put("sessionId", session.sessionId()).put("reloadToken", session.reloadToken()).put("success", false)
                .put("error", build.outputTail()).put("durationMs", build.durationMs());
        ArrayNode changedFiles = body.putArray("changedFiles");
        paths.stream().filter(p -> !p.equals(RecursiveWatcher.RESCAN)).forEach(changedFiles::add);
        body.putArray("diagnostics").addObject().put("level", "error").put("message", SessionStarter.firstLine(lastLine(build.outputTail())));
        JsonNode data = api.reload(body, UUID.randomUUID().toString(), 0, SessionStarter.auth(session)).data();
        Optional<ErrorLocation.Location> at = ErrorLocation.find(build.outputTail(), sent.keySet());
        Event failed = Event.of("failed").sessionId(session.sessionId()).sequence(number(data, "sequence")).durationMs(build.durationMs())
                .error(withLocation("build failed: " + lastLine(build.outputTail()), at));
        at.ifPresent(l -> failed.put("file", l.file()).put("line", l.line()));
        printer.event(failed);
    }

    private void report(JsonNode data, Bundle bundle, long start) {
        long totalMs = (System.nanoTime() - start) / 1_000_000;
        Long sequence = number(data, "sequence");
        JsonNode outcome = data.path("outcome");
        ctx.telemetry().record(TelemetryEvent.RELOAD_DURATION, session.sessionId(), session.pluginId(), totalMs, null);
        if (!outcome.isObject()) {
            String status = data.path("status").asText("accepted");
            printer.event(Event.of("reloading").sessionId(session.sessionId()).sequence(sequence)
                    .message(status + ": no outcome within " + WAIT_SECONDS + " s; see the log stream"));
            return;
        }
        String result = outcome.path("result").asText("reloaded");
        Event event = Event.of(result).sessionId(session.sessionId()).sequence(sequence)
                .durationMs(outcome.hasNonNull("durationMs") ? outcome.path("durationMs").asLong() : totalMs)
                .message("end to end " + totalMs + " ms");
        String errorText = errorText(outcome.path("error"));
        if (errorText != null && !result.equals("reloaded")) {
            Optional<ErrorLocation.Location> at = ErrorLocation.find(errorText, bundle.hashes().keySet())
                    .or(() -> stacks.await(sequence, 2000).flatMap(stack -> ErrorLocation.find(stack, bundle.hashes().keySet())));
            event.error(withLocation(errorSummary(outcome.path("error")), at));
            at.ifPresent(l -> event.put("file", l.file()).put("line", l.line()));
            ctx.telemetry().error("RELOAD_" + result.toUpperCase().replace('-', '_'), session.sessionId(), session.pluginId());
        }
        printer.event(event);
        ctx.devLog().write(result.equals("reloaded") ? "info" : "warn", result, errorText, session.sessionId(), session.tenantId(),
                sequence, result.equals("reloaded") ? null : "RELOAD_" + result.toUpperCase());
    }

    /** {@code message (at file:line)}, unless the message already names that place (the node harness does). */
    static String withLocation(String message, Optional<ErrorLocation.Location> at) {
        return at.filter(l -> !message.contains(l.file() + ":" + l.line())).map(l -> message + " (at " + l.file() + ":" + l.line() + ")").orElse(message);
    }

    /** The line shown for an outcome's error: its message (with the phase that failed), not the stack. */
    static String errorSummary(JsonNode error) {
        if (error.isTextual()) {
            return SessionStarter.firstLine(error.asText());
        }
        String phase = error.path("phase").asText("");
        return (phase.isEmpty() ? "" : "[" + phase + "] ") + SessionStarter.firstLine(error.path("message").asText("reload failed"));
    }

    /** The outcome's error as text: a string, or {@code {message, stack, phase}}. */
    static String errorText(JsonNode error) {
        if (error == null || error.isMissingNode() || error.isNull()) {
            return null;
        }
        if (error.isTextual()) {
            return error.asText();
        }
        String message = error.path("message").asText("");
        String stack = error.path("stack").asText("");
        String phase = error.path("phase").asText("");
        String prefix = phase.isEmpty() ? "" : "[" + phase + "] ";
        if (stack.isEmpty()) {
            return prefix + message;
        }
        // node and python stacks usually repeat the message on their first line
        return stack.contains(message) ? prefix + stack : prefix + message + "\n" + stack;
    }

    private static Long number(JsonNode data, String field) {
        return data.hasNonNull(field) ? data.path(field).asLong() : null;
    }

    private static String lastLine(String text) {
        List<String> lines = text == null ? List.of() : text.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "no output" : lines.getLast();
    }

    /** Manifest file names: a save of one of them re-reads the manifest before the reload. */
    private static final class ManifestNames {
        static boolean is(String path) {
            return com.powerx.devhotload.cli.bundle.ManifestReader.NAMES.contains(path);
        }
    }
}
