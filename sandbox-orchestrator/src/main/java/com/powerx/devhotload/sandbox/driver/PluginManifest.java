package com.powerx.devhotload.sandbox.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.contracts.EventCodec;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A version's declared environment (CONTRACT.md §4): the {@code env} map of the manifest at the root of its bundle
 * ({@code plugin.json}, {@code manifest.json}, {@code plugin.yaml} or {@code plugin.yml}, the first present), string
 * values only. What cannot be used is left out and said in {@link Declared#problems}, never fails a load.
 */
final class PluginManifest {

    static final List<String> FILES = List.of("plugin.json", "manifest.json", "plugin.yaml", "plugin.yml");

    /** The variables to set, and one line per entry (or file) that was left out. */
    record Declared(Map<String, String> env, List<String> problems) {
    }

    private PluginManifest() {
    }

    static Declared env(Path versionDir) {
        for (String name : FILES) {
            Path file = versionDir.resolve(name);
            if (Files.isRegularFile(file)) {
                try {
                    return declared(name, read(file));
                } catch (IOException | RuntimeException e) {
                    return new Declared(Map.of(), List.of(name + " could not be read (" + e.getMessage() + "); its env is not applied"));
                }
            }
        }
        return new Declared(Map.of(), List.of());
    }

    private static JsonNode read(Path file) throws IOException {
        if (file.getFileName().toString().endsWith(".json")) {
            return EventCodec.mapper().readTree(file.toFile());
        }
        try (Reader reader = Files.newBufferedReader(file)) {
            Object yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            return EventCodec.mapper().valueToTree(yaml);
        }
    }

    private static Declared declared(String file, JsonNode manifest) {
        JsonNode env = manifest == null ? null : manifest.get("env");
        if (env == null || env.isNull()) {
            return new Declared(Map.of(), List.of());
        }
        if (!env.isObject()) {
            return new Declared(Map.of(), List.of(file + ": env is not a map; not applied"));
        }
        Map<String, String> values = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        env.properties().forEach(entry -> {
            String name = entry.getKey();
            JsonNode value = entry.getValue();
            if (name.isEmpty() || name.contains("=") || name.indexOf('\0') >= 0) {
                problems.add(file + ": env name '" + name + "' is not a variable name; left out");
            } else if (!value.isTextual() || value.asText().indexOf('\0') >= 0) {
                problems.add(file + ": env." + name + " is not a string; left out");
            } else {
                values.put(name, value.asText());
            }
        });
        return new Declared(values, problems);
    }
}
