package com.powerx.devhotload.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.powerx.devhotload.cli.CliException;
import com.powerx.devhotload.cli.Exit;
import com.powerx.devhotload.cli.api.ApiClient;
import com.powerx.devhotload.cli.api.ApiClient.Call;
import com.powerx.devhotload.cli.api.ApiResponse;
import com.powerx.devhotload.cli.api.Auth;
import com.powerx.devhotload.cli.config.Endpoints;
import com.powerx.devhotload.cli.output.Event;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code px-plugin doctor}: one line per check — node and python versions, credentials, API reachability (a throw-away
 * session registered and deleted), clock skew from the server's {@code Date}. Exit 3 when the API is unreachable,
 * 2 when it refuses, else 0.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true, description = "Check runtimes, credentials, API reachability and clock skew.")
public final class DoctorCommand extends Subcommand implements Callable<Integer> {

    private static final Duration MAX_SKEW = Duration.ofSeconds(30);
    private int exit = Exit.OK;

    @Override
    public Integer call() {
        runtime("node", "node", "--version", 18, 0);
        runtime("python", "python3", "--version", 3, 10);
        credentials();
        api();
        return exit;
    }

    private void runtime(String name, String command, String flag, int major, int minor) {
        String version = version(command, flag);
        if (version == null) {
            check("warn", name, command + " not found on PATH (needed only for " + name + " plugins)");
            return;
        }
        Matcher m = Pattern.compile("(\\d+)\\.(\\d+)").matcher(version);
        boolean ok = m.find() && (Integer.parseInt(m.group(1)) > major || Integer.parseInt(m.group(1)) == major && Integer.parseInt(m.group(2)) >= minor);
        check(ok ? "ok" : "warn", name, version + (ok ? "" : " (the sandbox needs " + major + "." + minor + "+)"));
    }

    private void credentials() {
        String token = ctx().endpoints().token();
        if (token == null) {
            check("ok", "credentials", "no PX_TOKEN: local mode (loopback acts as tenant local)");
        } else {
            check(tokenCheck(token)[0], "credentials", tokenCheck(token)[1]);
        }
        if (ctx().certificates().configured()) {
            try {
                ctx().certificates().load(w -> check("warn", "client-cert", w)).ifPresent(id ->
                        check("ok", "client-cert", id.leaf().getSubjectX500Principal().getName() + " valid until " + id.leaf().getNotAfter().toInstant()));
            } catch (CliException e) {
                fail(Exit.INVALID, "client-cert", e.oneLine());
            }
        }
    }

    // Only the expiry is checked here: the signature is the server's business, and the register call below proves it.
    private static String[] tokenCheck(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return new String[]{"fail", "PX_TOKEN is not a JWT (header.payload.signature)"};
        }
        try {
            JsonNode claims = ApiClient.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            long exp = claims.path("exp").asLong(0);
            String who = "tenant " + claims.path("tenant_id").asText("?") + ", subject " + claims.path("sub").asText("?");
            if (exp > 0 && Instant.ofEpochSecond(exp).isBefore(Instant.now())) {
                return new String[]{"fail", "PX_TOKEN expired at " + Instant.ofEpochSecond(exp) + " (" + who + ")"};
            }
            return new String[]{"ok", "PX_TOKEN present (" + who + (exp > 0 ? ", expires " + Instant.ofEpochSecond(exp) : "") + ")"};
        } catch (IOException | IllegalArgumentException e) {
            return new String[]{"fail", "PX_TOKEN payload is unreadable"};
        }
    }

    private void api() {
        CliContext ctx = ctx();
        Endpoints endpoints = ctx.endpoints();
        String pluginId = "px-doctor." + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode body = ApiClient.JSON.createObjectNode().put("pluginId", pluginId).put("version", "0.0.1").put("runtime", "external");
        try {
            long start = System.nanoTime();
            ApiResponse registered = ctx.client().call(Call.postJson(Endpoints.at(endpoints.api(), "/internal/dev/plugins/register"),
                    Auth.developer(endpoints.token()), body));
            long millis = (System.nanoTime() - start) / 1_000_000;
            JsonNode data = registered.data();
            ctx.devApi().stop(data.path("sessionId").asText(), "px-plugin doctor", Auth.session(data.path("sessionId").asText(), data.path("reloadToken").asText()));
            check("ok", "api", endpoints.api() + " reachable: register + delete of a throw-away session in " + millis + " ms");
            skew(registered.headers().firstValue("Date").orElse(null), registered.body().path("timestamp").asLong(0));
        } catch (CliException e) {
            fail(e.exitCode(), "api", e.oneLine());
        }
        for (String[] service : new String[][]{{"stream", endpoints.stream().toString()}, {"telemetry", endpoints.telemetry().toString()},
                {"diagnostics", endpoints.diagnostics().toString()}}) {
            health(service[0], service[1]);
        }
    }

    private void health(String name, String base) {
        try {
            ctx().client().call(Call.get(java.net.URI.create(base + "/q/health/ready"), Auth.NONE));
            check("ok", name, base + " ready");
        } catch (CliException e) {
            check("warn", name, e.oneLine());
        }
    }

    // The Date header when the server sends one, else the envelope's timestamp (unix seconds): both have 1 s resolution.
    private void skew(String date, long envelopeSeconds) {
        if (date == null && envelopeSeconds <= 0) {
            check("warn", "clock", "the server sent neither a Date header nor an envelope timestamp");
            return;
        }
        Instant server = date != null ? ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()
                : Instant.ofEpochSecond(envelopeSeconds);
        Duration skew = Duration.between(server, Instant.now()).abs();
        boolean ok = skew.compareTo(MAX_SKEW) <= 0;
        check(ok ? "ok" : "warn", "clock", "skew " + skew.toSeconds() + " s against the server" + (ok ? "" : " (tokens and expiries may misbehave)"));
    }

    private void fail(int code, String name, String message) {
        check("fail", name, message);
        if (exit == Exit.OK || code == Exit.UNREACHABLE) {
            exit = code;
        }
    }

    private void check(String verdict, String name, String message) {
        if (verdict.equals("fail") && exit == Exit.OK) {
            exit = Exit.API;
        }
        if (ctx().printer().json()) {
            ctx().printer().event(Event.of("check").put("check", name).put("result", verdict).message(message));
        } else {
            ctx().printer().line(String.format("%-5s %-12s %s", verdict, name, message));
        }
    }

    private static String version(String command, String flag) {
        try {
            Process process = new ProcessBuilder(command, flag).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 ? output : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
