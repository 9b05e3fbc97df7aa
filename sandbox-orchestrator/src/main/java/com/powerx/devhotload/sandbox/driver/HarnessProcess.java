package com.powerx.devhotload.sandbox.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.logging.Log;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One running harness process: its control connection, its stdout/stderr as log lines, and its exit. */
final class HarnessProcess implements RunningSandbox {

    private final SandboxSpec spec;
    private final Process process;
    private final SandboxListener listener;
    private HarnessConnection connection;
    private JsonNode loadResult;
    private volatile boolean stopping;
    /** The harness announced that it exits ({@code fatal}): it sends that before failing the calls in flight. */
    private volatile boolean fatal;
    private volatile String fatalReason;

    HarnessProcess(SandboxSpec spec, Process process, SandboxListener listener) {
        this.spec = spec;
        this.process = process;
        this.listener = listener;
        pump(process.getInputStream(), "stdout", "info");
        pump(process.getErrorStream(), "stderr", "error");
    }

    void connect(SocketChannel channel) {
        connection = new HarnessConnection(channel, spec.sessionId(), this::onEvent);
        process.onExit().thenRun(() -> {
            connection.close();
            if (!stopping) {
                listener.onExit(this);
            }
        });
    }

    void load(long timeoutMs) throws SandboxStartException {
        ObjectNode fields = versionFields(spec.bundleDir(), spec.entry(), spec.sequence());
        if (spec.state() != null && !spec.state().isNull()) {
            fields.set("state", spec.state());
        }
        try {
            loadResult = Replies.await(connection.request("load", fields), timeoutMs);
        } catch (HarnessError e) {
            stopQuietly();
            throw SandboxStartException.of(e);
        }
    }

    private void onEvent(JsonNode event) {
        switch (event.path("event").asText()) {
            case "log" -> listener.onLog(event.path("level").asText("info"), event.path("source").asText("harness"),
                    event.path("message").asText(""), event.hasNonNull("sequence") ? event.get("sequence").asLong() : null,
                    event.hasNonNull("dropped") ? event.get("dropped").asLong() : null);
            case "fatal" -> {
                fatalReason = event.path("reason").asText(null);
                fatal = true;
            }
            default -> { } // hello: nothing to do
        }
    }

    private void pump(InputStream stream, String source, String level) {
        Thread.ofPlatform().daemon().name("sandbox-" + source + "-" + spec.sessionId()).start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    listener.onLog(level, source, line, null, null);
                }
            } catch (IOException e) {
                // the process ended
            }
        });
    }

    @Override
    public JsonNode loadResult() {
        return loadResult;
    }

    @Override
    public CompletableFuture<JsonNode> reload(Path dir, String entry, long sequence) {
        return connection.request("reload", versionFields(dir, entry, sequence));
    }

    /** What load and reload name: the version's directory, entry and sequence, and its manifest's {@code env}. */
    private ObjectNode versionFields(Path dir, String entry, long sequence) {
        ObjectNode fields = ProcessSandboxDriver.fields().put("dir", dir.toString()).put("sequence", sequence);
        if (entry != null) {
            fields.put("entry", entry);
        }
        PluginManifest.Declared declared = PluginManifest.env(dir);
        declared.problems().forEach(problem -> listener.onLog("warn", "orchestrator", problem, sequence, null));
        ObjectNode env = fields.putObject("env");
        // the registration's manifest env first; a manifest inside the bundle (this version's own) overrides it
        if (spec.env() != null) {
            spec.env().forEach(env::put);
        }
        declared.env().forEach(env::put);
        return fields;
    }

    @Override
    public CompletableFuture<JsonNode> invoke(String handler, JsonNode payload, int timeoutMs) {
        ObjectNode fields = ProcessSandboxDriver.fields().put("handler", handler).put("timeoutMs", timeoutMs);
        if (payload != null && !payload.isNull()) {
            fields.set("payload", payload);
        }
        return connection.request("invoke", fields);
    }

    @Override
    public CompletableFuture<JsonNode> getState() {
        return connection.request("getState", null);
    }

    @Override
    public CompletableFuture<JsonNode> ping() {
        return connection.request("ping", null);
    }

    @Override
    public boolean invocable() {
        return true;
    }

    @Override
    public void stop() {
        stopping = true;
        if (process.isAlive() && connection != null && connection.isOpen()) {
            try {
                Replies.await(connection.request("shutdown", null), 10_000);
            } catch (HarnessError e) {
                Log.debugf("sandbox %s did not shut down cleanly: %s", spec.sessionId(), e.getMessage());
            }
        }
        stopQuietly();
    }

    private void stopQuietly() {
        stopping = true;
        if (connection != null) {
            connection.close(); // the harness exits as soon as its control socket closes
        }
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(2, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public boolean isAlive() {
        HarnessConnection c = connection;
        return process.isAlive() && !stopping && !fatal && c != null && c.isOpen();
    }

    @Override
    public Integer awaitExit(long timeoutMs) {
        try {
            return process.waitFor(timeoutMs, TimeUnit.MILLISECONDS) ? process.exitValue() : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public String exitReason() {
        return fatalReason;
    }

    @Override
    public long pid() {
        return process.pid();
    }
}
