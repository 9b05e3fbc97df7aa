package com.powerx.devhotload.diagnostics.domain.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The API's contract: value format, basis, type resolution, titles, empty inputs, non-ASCII text. */
class FingerprinterTest {

    private final Fingerprinter fingerprinter = new Fingerprinter();

    @Test
    void valueIsVersionedSha256Prefix() {
        Fingerprint fp = NodeStacks.INCREMENT_V1.fingerprint("acme.counter");
        assertThat(fp.value()).matches("v1:[0-9a-f]{32}");
        assertThat(fp.value()).startsWith(Fingerprinter.VERSION + ":");
        assertThat(fp.version()).isEqualTo("v1");
    }

    @Test
    void deterministicAcrossInstances() {
        Fingerprint a = new Fingerprinter().fingerprint("p", "TypeError", "x is not a function", null);
        Fingerprint b = new Fingerprinter().fingerprint("p", "TypeError", "x is not a function", null);
        assertThat(a).isEqualTo(b);
    }

    @Test
    void framesBasisKeepsThePluginFramesInnermostFirst() {
        Fingerprint fp = NodeStacks.CHECK_NON_ASCII.fingerprint("p");
        assertThat(fp.basis()).isEqualTo(Fingerprint.Basis.FRAMES);
        assertThat(fp.pluginFrames()).containsExactly(new StackFrame("über.mjs", "prüfe", true),
                new StackFrame("index.mjs", "check", true));
        assertThat(fp.keyFrame()).isEqualTo(new StackFrame("über.mjs", "prüfe", true));
        assertThat(fp.messageTemplate()).isEqualTo("Ungültige Menge <*> für Bestellung B-<*>-<*> ✗");
    }

    @Test
    void nonAsciiFileNamesReadTheSameFromEsmUrlsAndPaths() {
        // ESM prints file:///…/lib/%C3%BCber.mjs, CommonJS /…/lib/über.cjs, python /…/bücher.py
        assertThat(NodeStacks.CHECK_NON_ASCII.stack()).contains("%C3%BCber.mjs");
        assertThat(NodeStacks.CHECK_NON_ASCII.fingerprint("p").keyFrame().file()).isEqualTo("über.mjs");
        assertThat(NodeStacks.CJS_CHECK_NON_ASCII.fingerprint("p").keyFrame().file()).isEqualTo("über.cjs");
        assertThat(PythonStacks.CHECK_NON_ASCII.fingerprint("p").keyFrame())
                .isEqualTo(new StackFrame("bücher.py", "prüfe", true));
    }

    @Test
    void messageBasisWithoutPluginFrames() {
        Fingerprint fp = NodeStacks.SLOW_TIMEOUT.fingerprint("p");
        assertThat(fp.basis()).isEqualTo(Fingerprint.Basis.MESSAGE);
        assertThat(fp.pluginFrames()).isEmpty();
        assertThat(fp.keyFrame()).isNull();
        assertThat(fp.errorType()).isEqualTo("Error");
        assertThat(fp.title()).isEqualTo("Error: handler \"slow\" did not finish within <*> ms");
    }

    @Test
    void onlyRuntimeFramesMeansMessageBasis() {
        String stack = """
                Error: connect ECONNREFUSED 127.0.0.1:6379
                    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)
                    at Socket.emit (/srv/app/node_modules/ioredis/built/Redis.js:1:1)""";
        Fingerprint fp = fingerprinter.fingerprint("p", null, null, stack);
        assertThat(fp.basis()).isEqualTo(Fingerprint.Basis.MESSAGE);
        assertThat(fp.errorType()).isEqualTo("Error");
        assertThat(fp.messageTemplate()).isEqualTo("connect ECONNREFUSED <*>:<*>");
    }

    @Test
    void nullAndEmptyInputs() {
        for (String empty : new String[] {null, "", "  \n "}) {
            Fingerprint fp = fingerprinter.fingerprint("p", empty, empty, empty);
            assertThat(fp.value()).matches("v1:[0-9a-f]{32}");
            assertThat(fp.errorType()).isEqualTo("Error");
            assertThat(fp.messageTemplate()).isEmpty();
            assertThat(fp.basis()).isEqualTo(Fingerprint.Basis.MESSAGE);
            assertThat(fp.title()).isEqualTo("Error");
        }
        assertThat(fingerprinter.fingerprint("p", null, null, null))
                .isEqualTo(fingerprinter.fingerprint("p", "", "", ""));
    }

    @Test
    void pluginIdIsRequired() {
        assertThatThrownBy(() -> fingerprinter.fingerprint(null, "E", "m", "s"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fingerprinter.fingerprint(" ", "E", "m", "s"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void errorTypeResolution() {
        assertThat(fingerprinter.fingerprint("p", " shop.errors.QuotaError ", "m", null).errorType())
                .isEqualTo("QuotaError");
        assertThat(fingerprinter.fingerprint("p", null, "TypeError: x is not a function", null).errorType())
                .isEqualTo("TypeError");
        assertThat(fingerprinter.fingerprint("p", null, "TypeError: x is not a function", null).messageTemplate())
                .isEqualTo("x is not a function");
        // an error code in front of a message is no type
        assertThat(fingerprinter.fingerprint("p", null, "E1001: card declined", null).errorType()).isEqualTo("Error");
        assertThat(fingerprinter.fingerprint("p", null, "E1001: card declined", null).messageTemplate())
                .isEqualTo("E1001: card declined");
        assertThat(fingerprinter.fingerprint("p", null, null, PythonStacks.JSON_PARSE_STDLIB.stack()).errorType())
                .isEqualTo("JSONDecodeError");
        assertThat(fingerprinter.fingerprint("p", null, null, NodeStacks.SYNTAX_RELOAD_SESSION_A.stack()).errorType())
                .isEqualTo("SyntaxError");
    }

    @Test
    void titles() {
        assertThat(NodeStacks.INCREMENT_V1.fingerprint("p").title())
                .isEqualTo("TypeError in increment (index.mjs): Cannot read properties of undefined (reading 'credits')");
        assertThat(PythonStacks.SYNTAX_RELOAD_SESSION_A.fingerprint("p").title())
                .isEqualTo("SyntaxError in rules.py: expected ':' (rules.py, line <*>)");
        assertThat(NodeStacks.MAP_ITEMS_V1.fingerprint("p").title()).startsWith("TypeError in mapItems (index.mjs): ");
        String longMessage = "ünïcödé 🙂 ".repeat(40);
        String title = fingerprinter.fingerprint("p", "Error", longMessage, null).title();
        assertThat(title.codePointCount(0, title.length())).isLessThanOrEqualTo(Fingerprint.MAX_TITLE);
        assertThat(title).endsWith("…").startsWith("Error: ünïcödé 🙂");
        assertThat(Character.isHighSurrogate(title.charAt(title.length() - 2))).isFalse();
    }

    @Test
    void nonAsciiMessagesAndIdentifiers() {
        Fingerprint a = fingerprinter.fingerprint("p", "Error", "Überweisung 42 für 山田 fehlgeschlagen 🙂", null);
        Fingerprint b = fingerprinter.fingerprint("p", "Error", "Überweisung 977 für 山田 fehlgeschlagen 🙂", null);
        Fingerprint c = fingerprinter.fingerprint("p", "Error", "Überweisung 42 für 田中 fehlgeschlagen 🙂", null);
        assertThat(a.messageTemplate()).isEqualTo("Überweisung <*> für 山田 fehlgeschlagen 🙂");
        assertThat(b.value()).isEqualTo(a.value());
        assertThat(c.value()).isNotEqualTo(a.value()); // a word is not data: only recognisable data is parameterised
    }

    @Test
    void fingerprintRecordValidatesItself() {
        assertThatThrownBy(() -> new Fingerprint("abc", "Error", List.of(), "", Fingerprint.Basis.MESSAGE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Fingerprint("v1:" + "0".repeat(32), "Error", List.of(), "",
                Fingerprint.Basis.FRAMES)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsAtMostFiftyPluginFrames() {
        StringBuilder stack = new StringBuilder("RangeError: Maximum call stack size exceeded\n");
        for (int i = 0; i < 500; i++) {
            stack.append("    at recurse (file:///tmp/px-sandbox/sessions/s/v1/index.mjs:").append(i).append(":3)\n");
        }
        Fingerprint fp = fingerprinter.fingerprint("p", null, null, stack.toString());
        assertThat(fp.pluginFrames()).hasSize(Fingerprinter.MAX_FRAMES);
        assertThat(fp.keyFrame()).isEqualTo(new StackFrame("index.mjs", "recurse", true));
    }
}
