package com.powerx.devhotload.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.powerx.devhotload.cli.CliException;
import com.powerx.devhotload.cli.Exit;
import com.powerx.devhotload.cli.PxPlugin;
import com.powerx.devhotload.cli.api.ApiClient;
import com.powerx.devhotload.cli.api.Auth;
import com.powerx.devhotload.cli.api.DevApi;
import com.powerx.devhotload.cli.bundle.Bundle;
import com.powerx.devhotload.cli.bundle.Manifest;
import com.powerx.devhotload.cli.config.DevSession;
import com.powerx.devhotload.cli.output.ErrorLocation;
import com.powerx.devhotload.cli.output.Event;
import com.powerx.devhotload.cli.output.Printer;

import java.io.Console;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Registers a session (asking before taking over a conflicting one), uploads the bundle and waits for the sandbox. */
final class SessionStarter {

    private final CliContext ctx;
    private final DevApi api;
    private final Printer printer;

    SessionStarter(CliContext ctx) {
        this.ctx = ctx;
        this.api = ctx.devApi();
        this.printer = ctx.printer();
    }

    /** POST /register, then the missing blobs; answers the cached session. */
    DevSession register(PluginFolder folder, Bundle bundle, String tenant, boolean takeover) {
        Manifest manifest = folder.manifest();
        JsonNode data;
        try {
            data = api.register(body(folder, bundle, tenant, takeover), Auth.developer(ctx.endpoints().token()));
        } catch (CliException e) {
            if (!takeover && "DEV_CONFLICT".equals(e.errorCode())) {
                confirmTakeover(e, manifest.id());
                data = api.register(body(folder, bundle, tenant, true), Auth.developer(ctx.endpoints().token()));
            } else {
                throw e;
            }
        }
        String sessionId = data.path("sessionId").asText();
        DevSession session = new DevSession(sessionId, data.path("reloadToken").asText(), manifest.id(), tenant,
                ctx.endpoints().api().toString(), text(data, "adminUrl"), text(data, "logUrl"), folder.dir().toString(),
                ctx.clock().instant().toString(), null, bundle.hashes());
        ctx.sessions().save(session);
        printer.event(Event.of("registered").sessionId(sessionId).message(manifest.id() + " " + manifest.version() + " (" + folder.runtime() + ")")
                .put("pluginId", manifest.id()).put("adminUrl", session.adminUrl()));
        ctx.devLog().write("info", "registered", manifest.id(), sessionId, tenant, null, null);
        upload(session, bundle, data.path("missingBlobs"));
        return session;
    }

    private void upload(DevSession session, Bundle bundle, JsonNode missingBlobs) {
        List<String> missing = missingBlobs.isArray() ? ApiClient.JSON.convertValue(missingBlobs, List.class) : null;
        BlobUpload.Result result = BlobUpload.upload(api, auth(session), bundle, missing, bundle.blobs().keySet());
        printer.event(Event.of("uploaded").sessionId(session.sessionId()).bytes(result.bytes())
                .message(result.blobs() + " of " + bundle.blobs().size() + " blobs uploaded (" + bundle.files().size() + " files)"));
    }

    private ObjectNode body(PluginFolder folder, Bundle bundle, String tenant, boolean takeover) {
        Manifest manifest = folder.manifest();
        ObjectNode body = ApiClient.JSON.createObjectNode();
        body.put("pluginId", manifest.id()).put("version", manifest.version()).put("runtime", folder.runtime());
        ObjectNode sent = manifest.json().deepCopy();
        sent.put("runtime", folder.runtime());
        body.set("manifest", sent);
        manifest.entryCandidates(folder.runtime()).stream().filter(bundle::contains).findFirst()
                .ifPresent(entry -> body.putArray("entryPoints").add(entry));
        body.set("files", bundle.fileRefs());
        body.put("buildHash", bundle.buildHash()).put("cliVersion", PxPlugin.VERSION).put("takeover", takeover);
        if (tenant != null) {
            body.put("tenant", tenant);
        }
        return body;
    }

    // Taking over ends someone's session (maybe this developer's own stale one): never without a yes on a terminal.
    private void confirmTakeover(CliException conflict, String pluginId) {
        JsonNode details = conflict.details() instanceof JsonNode node ? node : ApiClient.JSON.createObjectNode();
        String other = details.path("sessionId").asText("?");
        String status = details.path("status").asText("active");
        Console console = System.console();
        if (console == null || !Printer.terminal()) {
            throw CliException.api("DEV_CONFLICT", "plugin " + pluginId + " already has a " + status + " session " + other,
                    "run px-plugin dev --takeover to replace it, or px-plugin dev --stop to end your cached one");
        }
        String answer = console.readLine("Plugin %s already has a %s session %s. Take it over? (y/N) ", pluginId, status, other);
        if (answer == null || !answer.trim().toLowerCase().startsWith("y")) {
            throw CliException.api("DEV_CONFLICT", "not taking over session " + other, "px-plugin dev --stop ends it");
        }
    }

    /** Polls the session until the sandbox is ready; a failed first load is printed and reported as false. */
    boolean awaitReady(DevSession session, Duration timeout, List<String> bundlePaths) {
        Instant deadline = ctx.clock().instant().plus(timeout);
        String lastState = "?";
        while (ctx.clock().instant().isBefore(deadline)) {
            JsonNode view = api.session(session.sessionId(), auth(session));
            String status = view.path("status").asText();
            String state = view.path("sandbox").path("state").asText("");
            lastState = status + "/" + state;
            if (session.tenantId() == null && view.hasNonNull("tenant")) {
                ctx.sessions().save(session = session.withTenant(view.path("tenant").asText()));
            }
            if (status.equals("terminated") || status.equals("expired")) {
                throw CliException.api("DEV_SESSION_ENDED", "session " + session.sessionId() + " is " + status,
                        "register a new one with px-plugin dev");
            }
            if (status.equals("active") && (state.isEmpty() || state.equals("ready"))) {
                printer.event(Event.of("ready").sessionId(session.sessionId()).message("sandbox ready — admin: " + session.adminUrl())
                        .put("adminUrl", session.adminUrl()));
                return true;
            }
            if (state.equals("failed") || state.equals("crashed")) {
                String error = view.path("sandbox").path("lastError").asText("the sandbox failed to start");
                Optional<ErrorLocation.Location> at = ErrorLocation.find(error, bundlePaths);
                Event failed = Event.of("failed").sessionId(session.sessionId())
                        .error(ReloadLoop.withLocation(firstLine(error), at));
                at.ifPresent(l -> failed.put("file", l.file()).put("line", l.line()));
                printer.event(failed);
                return false;
            }
            sleep(250);
        }
        throw CliException.api("DEV_TIMEOUT", "the sandbox was not ready within " + timeout.toSeconds() + " s (last " + lastState + ")",
                "see px-plugin logs and px-plugin doctor");
    }

    static Auth auth(DevSession session) {
        return Auth.session(session.sessionId(), session.reloadToken());
    }

    static String firstLine(String text) {
        return text == null ? null : text.lines().findFirst().orElse(text);
    }

    private static String text(JsonNode data, String field) {
        return Optional.ofNullable(data.get(field)).filter(JsonNode::isTextual).map(JsonNode::asText).orElse(null);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(Exit.API, "CLI_INTERRUPTED", "interrupted while waiting for the sandbox", null);
        }
    }
}
