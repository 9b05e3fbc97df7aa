package com.powerx.devhotload.diagnostics.domain.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The same failure of one plugin gets one fingerprint: real stacks across reloads, sessions, versions and data. */
class SameFailureGroupsTest {

    private static final String PLUGIN = "acme.counter";

    private static String fp(Failure failure) {
        return failure.fingerprint(PLUGIN).value();
    }

    @Test
    void nodeFailureAcrossReloadsSessionsAndLineShiftingEdits() {
        assertThat(fp(NodeStacks.INCREMENT_V2)).isEqualTo(fp(NodeStacks.INCREMENT_V1));
        assertThat(fp(NodeStacks.INCREMENT_SESSION_B)).isEqualTo(fp(NodeStacks.INCREMENT_V1));
        assertThat(NodeStacks.INCREMENT_V2.stack()).isNotEqualTo(NodeStacks.INCREMENT_V1.stack()); // lines moved
    }

    @Test
    void pythonFailureAcrossReloadsSessionsAndLineShiftingEdits() {
        assertThat(fp(PythonStacks.INCREMENT_V2)).isEqualTo(fp(PythonStacks.INCREMENT_V1));
        assertThat(fp(PythonStacks.INCREMENT_SESSION_B)).isEqualTo(fp(PythonStacks.INCREMENT_V1));
        assertThat(fp(PythonStacks.WITHDRAW_V2)).isEqualTo(fp(PythonStacks.WITHDRAW_V1));
    }

    @Test
    void esmCacheBustersDoNotCount() {
        assertThat(NodeStacks.INCREMENT_CACHE_BUST_123.stack()).contains("index.mjs?v=123:");
        assertThat(fp(NodeStacks.INCREMENT_CACHE_BUST_124)).isEqualTo(fp(NodeStacks.INCREMENT_CACHE_BUST_123));
        assertThat(NodeStacks.INCREMENT_CACHE_BUST_123.fingerprint(PLUGIN).keyFrame())
                .isEqualTo(NodeStacks.INCREMENT_V1.fingerprint(PLUGIN).keyFrame());
    }

    @Test
    void sharedHelperReachedFromTwoHandlersIsOneFailure() {
        // deposit and withdraw both fail in validateAmount(): the innermost plugin frame is the same
        assertThat(fp(NodeStacks.WITHDRAW_V1)).isEqualTo(fp(NodeStacks.DEPOSIT_V1));
        assertThat(fp(NodeStacks.WITHDRAW_V2)).isEqualTo(fp(NodeStacks.DEPOSIT_V1));
        assertThat(fp(PythonStacks.WITHDRAW_V1)).isEqualTo(fp(PythonStacks.DEPOSIT_V1));
        // the call paths stay visible for display
        assertThat(NodeStacks.DEPOSIT_V1.fingerprint(PLUGIN).pluginFrames()).extracting(StackFrame::function)
                .containsExactly("validateAmount", "deposit");
        assertThat(NodeStacks.WITHDRAW_V1.fingerprint(PLUGIN).pluginFrames()).extracting(StackFrame::function)
                .containsExactly("validateAmount", "withdraw");
    }

    @Test
    void varyingDataInTheMessageDoesNotCount() {
        Failure charge = NodeStacks.CHARGE_DECLINED;
        Failure other = charge.withData("ann@example.com", "[HASH:0b1c2d3e4f5a]")
                .withData("2023-11-14T22:13:20.000Z", "2024-02-29T01:02:03.456Z");
        assertThat(fp(other)).isEqualTo(fp(charge));

        Failure fetch = NodeStacks.FETCH_USER_404;
        Failure otherFetch = fetch.withData("/users/42", "/users/981").withData("after 87ms", "after 1503ms")
                .withData("9f86d081884c7d65", "2c26b46b68ffc68f");
        assertThat(fp(otherFetch)).isEqualTo(fp(fetch));

        Failure connect = NodeStacks.CONNECT_REFUSED;
        assertThat(fp(connect.withData("10.0.0.5", "[HASH:aa11bb22cc33]"))).isEqualTo(fp(connect));
        assertThat(fp(connect.withData("10.0.0.5", "192.168.7.21"))).isEqualTo(fp(connect));
    }

    @Test
    void uuidsAndOrderNumbersInMessagesDoNotCount() {
        // two recorded occurrences with different random order ids and amounts
        assertThat(NodeStacks.DEPOSIT_V1.message()).isNotEqualTo(NodeStacks.WITHDRAW_V1.message());
        assertThat(fp(PythonStacks.DEPOSIT_V1)).isEqualTo(fp(PythonStacks.WITHDRAW_V2));
        Failure lookup = PythonStacks.LOOKUP_CHAINED;
        String requestId = lookup.message().replaceAll(".*request ([0-9a-f]+).*", "$1");
        assertThat(fp(lookup.withData(requestId, "0123456789abcdef0123456789abcdef"))).isEqualTo(fp(lookup));
    }

    @Test
    void timeoutsWithDifferentLimitsAreOneFailure() {
        Failure timeout = NodeStacks.SLOW_TIMEOUT;
        assertThat(timeout.fingerprint(PLUGIN).basis()).isEqualTo(Fingerprint.Basis.MESSAGE);
        assertThat(fp(timeout.withData("300 ms", "10000 ms"))).isEqualTo(fp(timeout));
        assertThat(fp(PythonStacks.SLOW_TIMEOUT)).isEqualTo(fp(timeout)); // same text: same plugin, same failure
    }

    @Test
    void syntaxErrorAtReloadInTwoSessions() {
        assertThat(fp(NodeStacks.SYNTAX_RELOAD_SESSION_B)).isEqualTo(fp(NodeStacks.SYNTAX_RELOAD_SESSION_A));
        assertThat(fp(PythonStacks.SYNTAX_RELOAD_SESSION_B)).isEqualTo(fp(PythonStacks.SYNTAX_RELOAD_SESSION_A));
        // the same mistake a few lines further down is still the same broken file
        Failure moved = NodeStacks.SYNTAX_RELOAD_SESSION_A.withData("shared.mjs:2", "shared.mjs:9");
        assertThat(fp(moved)).isEqualTo(fp(NodeStacks.SYNTAX_RELOAD_SESSION_A));
    }

    @Test
    void anonymousFunctionsAreTransparent() {
        assertThat(fp(NodeStacks.MAP_ITEMS_V2)).isEqualTo(fp(NodeStacks.MAP_ITEMS_V1));
        // python 3.12 inlines comprehensions: the same failure without the <listcomp> frame
        Failure inlined = new Failure(PythonStacks.PRICES_LISTCOMP.type(), PythonStacks.PRICES_LISTCOMP.message(),
                PythonStacks.PRICES_LISTCOMP.stack().replaceAll("(?s)  File [^\\n]*in <listcomp>\\n.*?(?=TypeError)", ""));
        assertThat(inlined.stack()).doesNotContain("<listcomp>");
        assertThat(fp(inlined)).isEqualTo(fp(PythonStacks.PRICES_LISTCOMP));
    }

    @Test
    void errorTypeFromTheStackHeadEqualsTheGivenOne() {
        for (Failure f : new Failure[] {NodeStacks.INCREMENT_V1, PythonStacks.JSON_PARSE_STDLIB,
                NodeStacks.SYNTAX_RELOAD_SESSION_A, PythonStacks.LOOKUP_CHAINED}) {
            Failure untyped = new Failure(null, f.message(), f.stack());
            assertThat(fp(untyped)).as(f.type()).isEqualTo(fp(f));
        }
    }

    @Test
    void messageFromTheStackHeadWhenNoneIsGiven() {
        for (Failure f : new Failure[] {NodeStacks.FETCH_USER_404, PythonStacks.DEPOSIT_V1, NodeStacks.CJS_BOOM}) {
            assertThat(fp(new Failure(f.type(), null, f.stack()))).isEqualTo(fp(f));
            assertThat(fp(new Failure(null, "", f.stack()))).isEqualTo(fp(f));
        }
    }

    @Test
    void messageAsToStringWithTheTypeInFront() {
        Failure f = NodeStacks.INCREMENT_V1;
        assertThat(fp(new Failure(f.type(), "TypeError: " + f.message(), f.stack()))).isEqualTo(fp(f));
    }

    @Test
    void maskingMarkersAreOnePlaceholderWhateverTheRule() {
        Fingerprinter fingerprinter = new Fingerprinter();
        String a = fingerprinter.fingerprint(PLUGIN, "Error", "auth failed for token ghp_****", null).value();
        String b = fingerprinter.fingerprint(PLUGIN, "Error", "auth failed for token [REDACTED:jwt]", null).value();
        String c = fingerprinter.fingerprint(PLUGIN, "Error", "auth failed for token [HASH:6f05cafcb914]", null).value();
        String d = fingerprinter.fingerprint(PLUGIN, "Error", "auth failed for token sk-proj-****", null).value();
        assertThat(b).isEqualTo(a);
        assertThat(c).isEqualTo(a);
        assertThat(d).isEqualTo(a);
    }
}
