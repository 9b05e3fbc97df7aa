package com.powerx.devhotload.cli.bundle;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.List;

/** A plugin manifest as read from {@code plugin.yaml} / {@code manifest.json}: the raw tree plus typed accessors. */
public record Manifest(Path file, JsonNode json) {

    public String id() {
        return text("id");
    }

    public String name() {
        return text("name");
    }

    public String version() {
        return text("version");
    }

    /** The declared runtime, or null. */
    public String runtime() {
        return text("runtime");
    }

    /** The declared entry, or null (then the runtime's default applies). */
    public String entry() {
        return text("entry");
    }

    /** The runtime to register with: {@code --runtime}, else the manifest's, else node. */
    public String effectiveRuntime(String override) {
        if (override != null) {
            return override;
        }
        return runtime() == null ? "node" : runtime();
    }

    /** The entry files to look for in the bundle: the declared one, or the runtime's defaults in order. */
    public List<String> entryCandidates(String runtime) {
        if (entry() != null) {
            return List.of(entry());
        }
        return switch (runtime) {
            case "python" -> List.of("plugin.py");
            case "external" -> List.of();
            default -> List.of("index.mjs", "index.js");
        };
    }

    /** {@code build: "cmd"} or {@code build: {command, output}}: the command, or null when there is no build. */
    public String buildCommand() {
        JsonNode build = json.path("build");
        if (build.isTextual()) {
            return build.asText();
        }
        return build.path("command").isTextual() ? build.path("command").asText() : null;
    }

    /** The build's output directory relative to the plugin folder, or null. */
    public String buildOutput() {
        JsonNode output = json.path("build").path("output");
        return output.isTextual() && !output.asText().isBlank() ? output.asText() : null;
    }

    private String text(String field) {
        JsonNode node = json.path(field);
        return node.isTextual() ? node.asText() : null;
    }
}
