package com.powerx.devhotload.cli.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.path.PathType;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * PowerX's publishing rules for a manifest and its folder (CONTRACT §11): the JSON Schema
 * ({@code plugin-manifest.schema.json}, draft 2020-12) plus what a schema cannot say — menu paths naming this plugin's
 * id, the entry file present in the bundle, paths staying in the folder, sizes within the limits.
 */
public final class ManifestLinter {

    private static final String SCHEMA = "/com/powerx/devhotload/cli/bundle/plugin-manifest.schema.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema MANIFEST_SCHEMA = loadSchema();

    private ManifestLinter() {
    }

    /** Every problem of the manifest and the bundle, manifest ones first; empty when publishable. */
    public static List<LintProblem> lint(Manifest manifest, Bundle bundle, String runtimeOverride, Limits limits) {
        List<LintProblem> problems = new ArrayList<>(schemaProblems(manifest.json()));
        problems.addAll(menuProblems(manifest));
        problems.addAll(entryProblems(manifest, bundle, runtimeOverride));
        problems.addAll(bundle.problems());
        problems.addAll(sizeProblems(bundle, limits));
        return problems;
    }

    /** The schema's verdict, one problem per JSON path (the validator may report several for one value). */
    public static List<LintProblem> schemaProblems(JsonNode manifest) {
        String text;
        try {
            text = JSON.writeValueAsString(manifest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The validator speaks Jackson 3; the manifest crosses over as JSON text.
        List<Error> errors = MANIFEST_SCHEMA.validate(text, InputFormat.JSON);
        Set<String> seen = new LinkedHashSet<>();
        List<LintProblem> problems = new ArrayList<>();
        for (Error error : errors) {
            LintProblem problem = toProblem(error);
            if (seen.add(problem.path() + "\0" + problem.message())) {
                problems.add(problem);
            }
        }
        return problems;
    }

    private static LintProblem toProblem(Error error) {
        String location = error.getInstanceLocation().toString();
        String path = location.isEmpty() ? "$" : location;
        String message = error.getMessage();
        // Messages start with the location ("$.id: does not match ..."); the path is reported on its own.
        if (message.startsWith(path + ": ")) {
            message = message.substring(path.length() + 2);
        }
        if ("additionalProperties".equals(error.getKeyword()) && error.getProperty() != null) {
            return new LintProblem(path.equals("$") ? "$." + error.getProperty() : path + "." + error.getProperty(),
                    "unknown field '" + error.getProperty() + "' (allowed besides the rules' fields: description, env, build, metadata)");
        }
        if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
            return new LintProblem(path.equals("$") ? "$." + error.getProperty() : path + "." + error.getProperty(), "required field is missing");
        }
        return new LintProblem(path, friendly(path, error.getKeyword(), message));
    }

    // The schema's regexes are exact but unreadable; say what the rule means instead.
    private static String friendly(String path, String keyword, String message) {
        if (!"pattern".equals(keyword)) {
            return message;
        }
        if (path.equals("$.id")) {
            return "must be 2–128 lowercase letters, digits, dots or dashes, starting with a letter or digit (e.g. com.acme.counter)";
        }
        if (path.equals("$.version")) {
            return "must be a semantic version such as 1.2.0 or 1.2.0-beta.1";
        }
        if (path.startsWith("$.permissions[")) {
            return "must be a lowercase dotted code of three or more parts (e.g. plugin.counter.read) or an object {type, permission_code}";
        }
        if (path.startsWith("$.menus[")) {
            return "must match ^/_p/<plugin id>/admin(/.*)?$";
        }
        return message;
    }

    private static List<LintProblem> menuProblems(Manifest manifest) {
        List<LintProblem> problems = new ArrayList<>();
        JsonNode menus = manifest.json().path("menus");
        String id = manifest.id();
        if (!menus.isArray() || id == null) {
            return problems;
        }
        String prefix = "/_p/" + id + "/admin";
        for (int i = 0; i < menus.size(); i++) {
            JsonNode path = menus.get(i).path("path");
            if (path.isTextual() && !(path.asText().equals(prefix) || path.asText().startsWith(prefix + "/"))) {
                problems.add(new LintProblem("$.menus[" + i + "].path", "must match ^/_p/" + id + "/admin(/.*)?$, got '" + path.asText() + "'"));
            }
        }
        return problems;
    }

    private static List<LintProblem> entryProblems(Manifest manifest, Bundle bundle, String runtimeOverride) {
        String runtime = manifest.effectiveRuntime(runtimeOverride);
        List<LintProblem> problems = new ArrayList<>();
        if (manifest.entry() != null) {
            String invalid = PathRules.problem(manifest.entry());
            if (invalid != null) {
                problems.add(new LintProblem("$.entry", invalid + ": '" + manifest.entry() + "'"));
                return problems;
            }
        }
        List<String> candidates = manifest.entryCandidates(runtime);
        // An entry left out for its size or a bad symlink is already reported under its own path.
        boolean reported = bundle.problems().stream().anyMatch(p -> candidates.contains(p.path()));
        if (!candidates.isEmpty() && !reported && candidates.stream().noneMatch(bundle::contains)) {
            problems.add(new LintProblem("$.entry", (manifest.entry() != null ? "entry '" + manifest.entry() + "'"
                    : "no entry declared and none of " + candidates) + " is not in the bundle"));
        }
        return problems;
    }

    private static List<LintProblem> sizeProblems(Bundle bundle, Limits limits) {
        List<LintProblem> problems = new ArrayList<>();
        if (bundle.files().size() > limits.maxFiles()) {
            problems.add(new LintProblem("$files", bundle.files().size() + " files, over the limit of " + limits.maxFiles()));
        }
        if (bundle.totalBytes() > limits.maxBundleBytes()) {
            problems.add(new LintProblem("$files", "bundle is " + bundle.totalBytes() + " bytes, over the limit of "
                    + limits.maxBundleBytes() + " bytes"));
        }
        return problems;
    }

    /** Whether any problem is about size (reported to telemetry as {@code cli_bundle_oversize}). */
    public static boolean oversize(List<LintProblem> problems) {
        return problems.stream().anyMatch(p -> p.message().contains("over the limit of"));
    }

    private static Schema loadSchema() {
        try (InputStream in = ManifestLinter.class.getResourceAsStream(SCHEMA)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // JSON_PATH gives $.permissions[1], the form the problems are reported in (v3's default is a JSON Pointer).
            SchemaRegistryConfig config = SchemaRegistryConfig.builder().pathType(PathType.JSON_PATH).build();
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, builder -> builder.schemaRegistryConfig(config))
                    .getSchema(text, InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
