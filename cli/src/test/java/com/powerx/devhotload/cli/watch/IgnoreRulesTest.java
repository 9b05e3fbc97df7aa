package com.powerx.devhotload.cli.watch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IgnoreRulesTest {

    @Test
    void builtInFoldersAndEditorTempFilesAreIgnored() {
        IgnoreRules rules = IgnoreRules.of(List.of());
        assertThat(rules.ignored("node_modules/x/index.js", false)).isTrue();
        assertThat(rules.ignored("lib/node_modules/x.js", false)).isTrue();
        assertThat(rules.ignored(".git/HEAD", false)).isTrue();
        assertThat(rules.ignored("pkg/__pycache__/m.pyc", false)).isTrue();
        assertThat(rules.ignored(".index.mjs.swp", false)).isTrue();
        assertThat(rules.ignored("index.mjs~", false)).isTrue();
        assertThat(rules.ignored("4913", false)).isTrue();
        assertThat(rules.ignored("index.mjs", false)).isFalse();
        assertThat(rules.ignored("lib/counter.mjs", false)).isFalse();
    }

    @Test
    void pxignoreLinesWorkLikeGitignore(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(".pxignore"), """
                # logs and fixtures
                *.log
                !keep.log
                /fixtures/
                docs/**/*.png
                tmp?
                """);
        IgnoreRules rules = IgnoreRules.forFolder(dir, "dist");
        assertThat(rules.ignored("a.log", false)).isTrue();
        assertThat(rules.ignored("deep/b.log", false)).isTrue();
        assertThat(rules.ignored("keep.log", false)).isFalse();
        assertThat(rules.ignored("fixtures/data.json", false)).isTrue();
        assertThat(rules.ignored("lib/fixtures/data.json", false)).isFalse(); // anchored
        assertThat(rules.ignored("docs/a/b/c.png", false)).isTrue();
        assertThat(rules.ignored("docs/c.png", false)).isTrue();
        assertThat(rules.ignored("docs/c.md", false)).isFalse();
        assertThat(rules.ignored("tmp1", false)).isTrue();
        assertThat(rules.ignored("tmp12", false)).isFalse();
        assertThat(rules.ignored("dist/index.mjs", false)).isTrue(); // the build output
        assertThat(rules.ignored("src/dist.mjs", false)).isFalse();
    }

    @Test
    void aDirectoryOnlyRuleDoesNotMatchAFileOfThatName() {
        IgnoreRules rules = IgnoreRules.of(List.of("build/"));
        assertThat(rules.ignored("build", false)).isFalse();
        assertThat(rules.ignored("build", true)).isTrue();
        assertThat(rules.ignored("build/out.js", false)).isTrue();
    }
}
