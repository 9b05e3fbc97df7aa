package com.powerx.devhotload.session.domain;

import com.powerx.devhotload.contracts.payload.FileRef;
import com.powerx.devhotload.platform.api.Violation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** CONTRACT.md §3's rules for bundle paths and file lists. */
class BundleRulesTest {

    private static final String HASH = "d".repeat(64);

    @Test
    void pathsAreRelativeSlashSeparatedAndNeverEscape() {
        assertThat(BundleRules.pathProblem("src/index.mjs")).isNull();
        assertThat(BundleRules.pathProblem("")).isEqualTo("must not be empty");
        assertThat(BundleRules.pathProblem("/etc/passwd")).isEqualTo("must be relative");
        assertThat(BundleRules.pathProblem("a/../../b")).isEqualTo("must not contain ..");
        assertThat(BundleRules.pathProblem("a\\b")).isEqualTo("must use / as separator");
        assertThat(BundleRules.pathProblem("a//b")).isEqualTo("must not contain empty segments");
        assertThat(BundleRules.pathProblem("a\0b")).isEqualTo("must not contain NUL");
        assertThat(BundleRules.pathProblem("p".repeat(1025))).startsWith("must be at most");
    }

    @Test
    void aFileListIsCheckedForDuplicatesHashesSizesAndItsLimit() {
        List<Violation> violations = BundleRules.checkFiles("files", List.of(new FileRef("a", HASH, 1L), new FileRef("a", "ABC", -1L)),
                10, 100, BundleRules.newList());
        assertThat(violations).extracting(Violation::field).containsExactly("files[1].path", "files[1].sha256", "files[1].size");
        assertThat(BundleRules.checkFiles("files", List.of(new FileRef("a", HASH, 1L), new FileRef("b", HASH, 1L)), 1, 100, BundleRules.newList()))
                .extracting(Violation::message).containsExactly("at most 1 files allowed, got 2");
        assertThat(BundleRules.declaredBytes(List.of(new FileRef("a", HASH, 3L), new FileRef("b", HASH, null)))).isEqualTo(3);
    }
}
