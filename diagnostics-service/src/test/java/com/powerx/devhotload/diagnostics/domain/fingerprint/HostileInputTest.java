package com.powerx.devhotload.diagnostics.domain.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Megabyte stacks and messages shaped to make a backtracking regex go quadratic or worse. Every case must finish in
 * well under the limit (a catastrophic pattern would take minutes): parsing is linear and templating is bounded.
 */
class HostileInputTest {

    private static final int MB = 1 << 20;
    /** Generous for two shared cores; a linear pass over 1 MB takes tens of milliseconds. */
    private static final Duration LIMIT = Duration.ofSeconds(10);

    static Stream<Arguments> stacks() {
        return Stream.of(
                Arguments.of("node frames", fill(NodeStacks.DEPOSIT_V1.stack().substring(
                        NodeStacks.DEPOSIT_V1.stack().indexOf("    at")) + "\n")),
                Arguments.of("python frames", "Traceback (most recent call last):\n" + fill(
                        "  File \"/tmp/px-sandbox-1/sessions/s/v1/plugin.py\", line 9, in handle_x\n    x()\n")
                        + "RecursionError: maximum recursion depth exceeded\n"),
                Arguments.of("one line of letters", "a".repeat(MB)),
                Arguments.of("open parentheses", "Error: x\n    at " + "(".repeat(MB)),
                Arguments.of("close parentheses", "Error: x\n    at f " + ")".repeat(MB)),
                Arguments.of("deep path", "Error: x\n    at f (" + "/a".repeat(MB / 2) + ":1:2)"),
                Arguments.of("colons", "Error: x\n    at f (" + ":1".repeat(MB / 2) + ")"),
                Arguments.of("python path", "  File \"" + "x".repeat(MB) + "\", line 1, in f\nValueError: v"),
                Arguments.of("python quotes", "  File \"" + "\", line ".repeat(MB / 8)),
                Arguments.of("sessions dirs", "Error: x\n    at f (" + "/sessions/x".repeat(MB / 11) + "/harness.mjs:1:1)"),
                Arguments.of("head line", "TypeError" + ".a".repeat(MB / 2) + ": m\n    at f (/b/c.js:1:1)"),
                Arguments.of("syntax excerpt", "/a/b.mjs:1\n" + "x\n".repeat(MB / 2)));
    }

    static Stream<Arguments> messages() {
        return Stream.of(
                Arguments.of("dotted letters", "a.".repeat(MB / 2)),
                Arguments.of("dotted digits", "1.".repeat(MB / 2)),
                Arguments.of("spaced digits", "1 ".repeat(MB / 2)),
                Arguments.of("dotted type head", "TypeError" + ".a".repeat(MB / 2) + ": m"),
                Arguments.of("at signs", "a@".repeat(MB / 2)),
                Arguments.of("stars", "*".repeat(MB)),
                Arguments.of("hash markers", "[HASH:".repeat(MB / 6)),
                Arguments.of("month words", "Jan 1 ".repeat(MB / 6)),
                Arguments.of("statuses", "status 404 ".repeat(MB / 11)),
                Arguments.of("short tokens", "ab1-2 ".repeat(MB / 6)),
                Arguments.of("199-char tokens", ("a1:".repeat(66) + "b ").repeat(MB / 200)),
                Arguments.of("hex and colons", "a:".repeat(MB / 2)),
                Arguments.of("slashes", "/a".repeat(MB / 2)),
                Arguments.of("url", "http://" + "a.".repeat(MB / 2)),
                Arguments.of("non-ASCII", "ü🙂".repeat(MB / 3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    void megabyteStacks(String name, String stack) {
        Fingerprint fp = assertTimeoutPreemptively(LIMIT, () -> new Fingerprinter().fingerprint("p", null, null, stack));
        assertThat(fp.value()).matches("v1:[0-9a-f]{32}");
        assertThat(fp.pluginFrames()).hasSizeLessThanOrEqualTo(Fingerprinter.MAX_FRAMES);
        assertThat(fp.title().codePointCount(0, fp.title().length())).isLessThanOrEqualTo(Fingerprint.MAX_TITLE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void megabyteMessages(String name, String message) {
        Fingerprint fp = assertTimeoutPreemptively(LIMIT,
                () -> new Fingerprinter().fingerprint("p", "Error", message, message));
        assertThat(fp.value()).matches("v1:[0-9a-f]{32}");
        assertThat(fp.messageTemplate().length()).isLessThanOrEqualTo(MessageTemplate.MAX_INPUT);
    }

    private static String fill(String unit) {
        return unit.repeat(MB / unit.length() + 1);
    }
}
