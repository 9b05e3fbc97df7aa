package com.powerx.devhotload.cli.bundle;

import com.powerx.devhotload.cli.CliException;
import com.powerx.devhotload.cli.watch.IgnoreRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestLinterTest {

    @TempDir
    Path dir;

    private static final String VALID = """
            id: com.acme.counter
            name: Counter
            version: 1.2.0-beta.1
            runtime: node
            entry: index.mjs
            description: counts
            env: {LEVEL: debug}
            build: {command: "true", output: dist}
            metadata: {team: a}
            permissions:
              - plugin.counter.read
              - {type: menu, permission_code: plugin.counter.menu}
            menus:
              - path: /_p/com.acme.counter/admin/settings
            """;

    @Test
    void aValidYamlManifestHasNoProblem() throws IOException {
        write("plugin.yaml", VALID);
        write("index.mjs", "export const handlers = {};");
        assertThat(lint(Limits.DEFAULT)).isEmpty();
    }

    @Test
    void manifestJsonIsReadWhenThereIsNoYaml() throws IOException {
        write("manifest.json", "{\"id\":\"com.acme.x\",\"name\":\"X\",\"version\":\"1.0.0\",\"runtime\":\"python\"}");
        write("plugin.py", "PLUGIN_META = {}");
        assertThat(lint(Limits.DEFAULT)).isEmpty();
        assertThat(ManifestReader.read(dir).file().getFileName()).hasToString("manifest.json");
    }

    @Test
    void everySchemaRuleIsReportedWithItsJsonPath() throws IOException {
        write("plugin.yaml", """
                id: Bad_Id
                version: "1.0"
                runtime: ruby
                permissions:
                  - plugin.counter.read
                  - Admin.x
                  - a.b
                  - {type: widget, permission_code: x.y.z}
                  - {type: api}
                menus:
                  - path: /admin
                extra: 1
                """);
        write("index.mjs", "");
        List<LintProblem> problems = lint(Limits.DEFAULT);
        assertThat(problems).extracting(LintProblem::path).contains("$.id", "$.name", "$.version", "$.runtime",
                "$.permissions[1]", "$.permissions[2]", "$.permissions[3].type", "$.permissions[4].permission_code",
                "$.menus[0].path", "$.extra");
        assertThat(problems).extracting(LintProblem::path).doesNotContain("$.permissions[0]");
        assertThat(message(problems, "$.version")).contains("semantic version");
        assertThat(message(problems, "$.extra")).contains("unknown field");
        assertThat(message(problems, "$.name")).contains("required");
    }

    @Test
    void menuPathsMustNameThisPlugin() throws IOException {
        write("plugin.yaml", VALID.replace("/_p/com.acme.counter/admin/settings", "/_p/com.other/admin"));
        write("index.mjs", "");
        assertThat(lint(Limits.DEFAULT)).extracting(LintProblem::path).containsExactly("$.menus[0].path");
    }

    @Test
    void theEntryMustBeInTheBundle() throws IOException {
        write("plugin.yaml", VALID);
        write("other.mjs", "");
        assertThat(lint(Limits.DEFAULT)).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("$.entry");
            assertThat(p.message()).contains("index.mjs");
        });
    }

    @Test
    void anEntryInAnIgnoredFolderIsNotInTheBundle() throws IOException {
        write("plugin.yaml", VALID.replace("entry: index.mjs", "entry: node_modules/x/index.mjs"));
        write("node_modules/x/index.mjs", "");
        assertThat(lint(Limits.DEFAULT)).extracting(LintProblem::path).containsExactly("$.entry");
    }

    @Test
    void symlinksOutOfTheFolderAndOversizedFilesAreReported(@TempDir Path outside) throws IOException {
        write("plugin.yaml", VALID);
        write("index.mjs", "x".repeat(10));
        write("big.bin", "y".repeat(2000));
        Files.writeString(outside.resolve("secret.txt"), "s");
        Files.createSymbolicLink(dir.resolve("leak.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(dir.resolve("inside.mjs"), dir.resolve("index.mjs"));
        List<LintProblem> problems = lint(new Limits(1000, 1_000_000, 100));
        assertThat(problems).extracting(LintProblem::path).containsExactlyInAnyOrder("leak.txt", "big.bin");
        assertThat(message(problems, "leak.txt")).contains("outside the plugin folder");
        assertThat(message(problems, "big.bin")).contains("over the limit");
    }

    @Test
    void theWholeBundleIsCheckedAgainstMaxBundleSize() throws IOException {
        write("plugin.yaml", VALID);
        write("index.mjs", "x".repeat(600));
        write("b.mjs", "x".repeat(600));
        List<LintProblem> problems = lint(Limits.DEFAULT.withMaxBundle(1000L));
        assertThat(problems).extracting(LintProblem::path).containsExactly("$files");
        assertThat(ManifestLinter.oversize(problems)).isTrue();
    }

    @Test
    void aMissingOrBrokenManifestIsAUsageError() throws IOException {
        assertThatThrownBy(() -> ManifestReader.read(dir)).isInstanceOf(CliException.class)
                .hasMessageContaining("no plugin.yaml or manifest.json");
        write("plugin.yaml", "id: [unclosed");
        assertThatThrownBy(() -> ManifestReader.read(dir)).isInstanceOf(CliException.class)
                .hasMessageContaining("not valid YAML").extracting(e -> ((CliException) e).exitCode()).isEqualTo(1);
    }

    private List<LintProblem> lint(Limits limits) {
        Manifest manifest = ManifestReader.read(dir);
        Bundle bundle = new BundleScanner(new BlobHasher(), limits.maxFileBytes()).scan(dir, IgnoreRules.forFolder(dir, null));
        return ManifestLinter.lint(manifest, bundle, null, limits);
    }

    private static String message(List<LintProblem> problems, String path) {
        return problems.stream().filter(p -> p.path().equals(path)).findFirst().orElseThrow().message();
    }

    private void write(String path, String content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
