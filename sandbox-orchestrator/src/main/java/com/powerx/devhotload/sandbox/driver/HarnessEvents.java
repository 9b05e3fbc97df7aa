package com.powerx.devhotload.sandbox.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * What a harness says on its own ({@code log}, {@code fatal}; docs/sandbox-protocol.md §3), and the request fields
 * every driver of the same protocol sends, whether the harness is a local process or a pod.
 */
final class HarnessEvents implements Consumer<JsonNode> {

    private final SandboxListener listener;
    /** The harness announced that it exits ({@code fatal}): it sends that before failing the calls in flight. */
    private volatile boolean fatal;
    private volatile String fatalReason;

    HarnessEvents(SandboxListener listener) {
        this.listener = listener;
    }

    @Override
    public void accept(JsonNode event) {
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

    boolean fatal() {
        return fatal;
    }

    String fatalReason() {
        return fatalReason;
    }

    /** The first load's fields: the version, and the saved state on a restart. */
    static ObjectNode loadFields(SandboxSpec spec, SandboxListener listener, String wireDir) {
        ObjectNode fields = versionFields(spec, listener, spec.bundleDir(), wireDir, spec.entry(), spec.sequence());
        if (spec.state() != null && !spec.state().isNull()) {
            fields.set("state", spec.state());
        }
        return fields;
    }

    /**
     * What load and reload name: the version's directory as the harness sees it ({@code wireDir}), entry and sequence,
     * and its manifest's {@code env} (read from the local copy {@code dir}).
     */
    static ObjectNode versionFields(SandboxSpec spec, SandboxListener listener, Path dir, String wireDir, String entry, long sequence) {
        ObjectNode fields = ProcessSandboxDriver.fields().put("dir", wireDir).put("sequence", sequence);
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

    static ObjectNode invokeFields(String handler, JsonNode payload, int timeoutMs) {
        ObjectNode fields = ProcessSandboxDriver.fields().put("handler", handler).put("timeoutMs", timeoutMs);
        if (payload != null && !payload.isNull()) {
            fields.set("payload", payload);
        }
        return fields;
    }
}
