package com.powerx.devhotload.cli.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.powerx.devhotload.cli.CliException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds and parses the plugin's manifest: {@code plugin.yaml} (or {@code .yml}), else {@code manifest.json}, else {@code plugin.json}. */
public final class ManifestReader {

    /** The names looked for, in order; plugin.json is what the example plugins use. */
    public static final List<String> NAMES = List.of("plugin.yaml", "plugin.yml", "manifest.json", "plugin.json");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    private ManifestReader() {
    }

    public static Manifest read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw CliException.invalid("plugin folder " + dir + " does not exist", "pass --entry DIR with the plugin's folder");
        }
        for (String name : NAMES) {
            Path file = dir.resolve(name);
            if (Files.isRegularFile(file)) {
                return new Manifest(file, parse(file));
            }
        }
        throw CliException.invalid("no plugin.yaml or manifest.json in " + dir.toAbsolutePath(),
                "create one (id, name, version, runtime, entry) or pass --entry DIR");
    }

    private static JsonNode parse(Path file) {
        String name = file.getFileName().toString();
        try {
            JsonNode tree = name.endsWith(".json") ? JSON.readTree(file.toFile()) : YAML.readTree(file.toFile());
            if (tree == null || !tree.isObject()) {
                throw CliException.invalid(name + ": $: the manifest must be an object", "see docs/cli.md for the fields");
            }
            return tree;
        } catch (IOException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw CliException.invalid(name + " is not valid " + (name.endsWith(".json") ? "JSON" : "YAML") + ": " + reason, "fix its syntax");
        }
    }
}
