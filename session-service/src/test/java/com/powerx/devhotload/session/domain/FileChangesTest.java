package com.powerx.devhotload.session.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.powerx.devhotload.contracts.payload.FileRef;
import com.powerx.devhotload.platform.api.Violation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How {@code changedFiles} turns into a file list, with and without a bundle. */
class FileChangesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);

    private static List<JsonNode> changed(String json) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        JSON.readTree(json).forEach(nodes::add);
        return nodes;
    }

    @Test
    void anyNonEmptyPathParsesBecauseABundleLessSessionTakesWhateverItIsSent() throws Exception {
        List<Violation> violations = new ArrayList<>();
        var changes = FileChanges.parse(changed("[\"src/index.ts\", \"/abs/x.ts\", \"..\\\\up.ts\", {\"type\":\"delete\",\"path\":\"../y\"}]"), violations);
        assertThat(violations).isEmpty();
        assertThat(FileChanges.paths(changes)).containsExactly("src/index.ts", "/abs/x.ts", "..\\up.ts", "../y");
    }

    @Test
    void structurallyBrokenEntriesAreRefusedAtParse() throws Exception {
        List<Violation> violations = new ArrayList<>();
        FileChanges.parse(changed("[\"\", 3, {\"type\":\"rename\",\"path\":\"x\"}, {\"path\":\"x\",\"hash\":\"nothex\"}, \""
                + "p".repeat(1025) + "\"]"), violations);
        assertThat(violations).extracting(Violation::field)
                .containsExactly("changedFiles[0].path", "changedFiles[1]", "changedFiles[2].type", "changedFiles[3].hash", "changedFiles[4].path");
    }

    @Test
    void withABundleChangesReplaceDeleteAddAndReRead() throws Exception {
        List<FileRef> previous = List.of(new FileRef("index.mjs", A, 10L), new FileRef("lib/a.mjs", A, 5L));
        List<Violation> violations = new ArrayList<>();
        var changes = FileChanges.parse(changed("[\"index.mjs\", {\"type\":\"delete\",\"path\":\"lib/a.mjs\"},"
                + "{\"type\":\"create\",\"path\":\"lib/b.mjs\",\"hash\":\"sha256:" + B + "\"}]"), violations);
        List<FileRef> next = FileChanges.apply(previous, changes, violations);
        assertThat(violations).isEmpty();
        assertThat(next).extracting(FileRef::path).containsExactly("index.mjs", "lib/b.mjs");
        assertThat(next).extracting(FileRef::sha256).containsExactly(A, B);
    }

    @Test
    void withABundleAnUnknownUnhashedPathOrAnEscapingPathIsRefused() throws Exception {
        List<FileRef> previous = List.of(new FileRef("index.mjs", A, 10L));
        List<Violation> violations = new ArrayList<>();
        var changes = FileChanges.parse(changed("[\"src/index.ts\", \"../escape.mjs\", \"/abs.mjs\"]"), violations);
        FileChanges.apply(previous, changes, violations);
        assertThat(violations).extracting(Violation::message).containsExactly(
                "src/index.ts is not in the session's bundle and has no hash", "must not contain ..", "must be relative");
    }
}
