package com.powerx.devhotload.diagnostics.domain.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Different failures never share a fingerprint, including the over-grouping traps Sentry users report. */
class DifferentFailuresTest {

    private static final String PLUGIN = "acme.counter";

    private static String fp(Failure failure) {
        return failure.fingerprint(PLUGIN).value();
    }

    @Test
    void everyRecordedNodeFailureIsItsOwnGroup() {
        List<Failure> distinct = List.of(NodeStacks.INCREMENT_V1, NodeStacks.DEPOSIT_V1, NodeStacks.CHARGE_DECLINED,
                NodeStacks.CHARGE_EXPIRED, NodeStacks.FETCH_USER_404, NodeStacks.FETCH_USER_500,
                NodeStacks.CONNECT_REFUSED, NodeStacks.CONNECT_TIMEOUT, NodeStacks.MAP_ITEMS_V1, NodeStacks.JSON_PARSE,
                NodeStacks.NODE_MODULES_REPORT, NodeStacks.CHECK_NON_ASCII, NodeStacks.SLOW_TIMEOUT,
                NodeStacks.SYNTAX_RELOAD_SESSION_A, NodeStacks.CJS_INCREMENT, NodeStacks.CJS_BOOM,
                NodeStacks.CJS_CHECK_NON_ASCII);
        assertThat(distinct.stream().map(DifferentFailuresTest::fp).distinct()).hasSameSizeAs(distinct);
    }

    @Test
    void everyRecordedPythonFailureIsItsOwnGroup() {
        List<Failure> distinct = List.of(PythonStacks.INCREMENT_V1, PythonStacks.DEPOSIT_V1,
                PythonStacks.LOOKUP_CHAINED, PythonStacks.PRICES_LISTCOMP, PythonStacks.SORTED_LAMBDA,
                PythonStacks.JSON_PARSE_STDLIB, PythonStacks.CHECK_NON_ASCII, PythonStacks.SYNTAX_RELOAD_SESSION_A);
        assertThat(distinct.stream().map(DifferentFailuresTest::fp).distinct()).hasSameSizeAs(distinct);
    }

    @Test
    void twoThrowsInOneFunctionWithDifferentErrorCodes() {
        // E1001 vs E2002 from the same function: the template keeps code-like tokens
        assertThat(fp(NodeStacks.CHARGE_EXPIRED)).isNotEqualTo(fp(NodeStacks.CHARGE_DECLINED));
        Failure e2002 = NodeStacks.CHARGE_DECLINED.withData("E1001", "E2002");
        assertThat(fp(e2002)).isNotEqualTo(fp(NodeStacks.CHARGE_DECLINED));
    }

    @Test
    void httpStatusesAndSocketErrorsStayApart() {
        assertThat(fp(NodeStacks.FETCH_USER_500)).isNotEqualTo(fp(NodeStacks.FETCH_USER_404));
        assertThat(fp(NodeStacks.CONNECT_TIMEOUT)).isNotEqualTo(fp(NodeStacks.CONNECT_REFUSED));
        Fingerprinter f = new Fingerprinter();
        assertThat(f.fingerprint(PLUGIN, "AxiosError", "Request failed with status code 404", null).value())
                .isNotEqualTo(f.fingerprint(PLUGIN, "AxiosError", "Request failed with status code 503", null).value());
        assertThat(f.fingerprint(PLUGIN, "Error", "upstream answered 404 Not Found", null).value())
                .isNotEqualTo(f.fingerprint(PLUGIN, "Error", "upstream answered 500 Internal Server Error", null)
                        .value());
        assertThat(f.fingerprint(PLUGIN, "Error", "plugin exited with code 1", null).value())
                .isNotEqualTo(f.fingerprint(PLUGIN, "Error", "plugin exited with code 137", null).value());
    }

    @Test
    void differentErrorTypesAtTheSamePlace() {
        Failure f = NodeStacks.INCREMENT_V1;
        assertThat(fp(new Failure("RangeError", f.message(), f.stack()))).isNotEqualTo(fp(f));
        Failure p = PythonStacks.INCREMENT_V1;
        assertThat(fp(new Failure("KeyError", p.message(), p.stack()))).isNotEqualTo(fp(p));
    }

    @Test
    void sameMessageInDifferentFunctions() {
        // increment and mapItems both read a property of undefined; only the place tells them apart
        Failure renamed = NodeStacks.INCREMENT_V1.withData("Object.increment", "Object.decrement");
        assertThat(fp(renamed)).isNotEqualTo(fp(NodeStacks.INCREMENT_V1));
        Failure otherFile = NodeStacks.INCREMENT_V1.withData("v1/index.mjs", "v1/lib/other.mjs");
        assertThat(fp(otherFile)).isNotEqualTo(fp(NodeStacks.INCREMENT_V1));
    }

    @Test
    void twoPluginsNeverShareAFingerprint() {
        Stream.of(NodeStacks.INCREMENT_V1, NodeStacks.SLOW_TIMEOUT, PythonStacks.SYNTAX_RELOAD_SESSION_A)
                .forEach(f -> assertThat(f.fingerprint("acme.other").value()).isNotEqualTo(fp(f)));
    }

    @Test
    void timeoutsOfDifferentHandlers() {
        Failure other = NodeStacks.SLOW_TIMEOUT.withData("\"slow\"", "\"increment\"");
        assertThat(fp(other)).isNotEqualTo(fp(NodeStacks.SLOW_TIMEOUT));
    }

    @Test
    void quotedIdentifiersAreCode() {
        Failure other = NodeStacks.INCREMENT_V1.withData("(reading 'credits')", "(reading 'balance')");
        assertThat(fp(other)).isNotEqualTo(fp(NodeStacks.INCREMENT_V1));
        Failure key = PythonStacks.SORTED_LAMBDA.withData("'rank'", "'score'");
        assertThat(fp(key)).isNotEqualTo(fp(PythonStacks.SORTED_LAMBDA));
    }

    @Test
    void syntaxErrorsInDifferentFilesOrOfDifferentKinds() {
        Failure other = NodeStacks.SYNTAX_RELOAD_SESSION_A.withData("shared.mjs", "format.mjs");
        assertThat(fp(other)).isNotEqualTo(fp(NodeStacks.SYNTAX_RELOAD_SESSION_A));
        Failure kind = PythonStacks.SYNTAX_RELOAD_SESSION_A.withData("expected ':'", "unterminated string literal");
        assertThat(fp(kind)).isNotEqualTo(fp(PythonStacks.SYNTAX_RELOAD_SESSION_A));
    }
}
