package com.powerx.devhotload.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.devstack.LocalTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import static com.powerx.devhotload.e2e.SuiteCalls.Frame;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The diagnostics loop across the six packaged services (CONTRACT.md §6, §7, §9), through their public interfaces only:
 * a real node sandbox whose reloads keep failing raises telemetry-ingest's streak alert, diagnostics-service builds a
 * masked report on its own (JSON, Markdown, log bundle; no planted secret in any of them) and announces it on the
 * tenant's stream; a regression run fails while the code is broken and passes once it is fixed. A handler that throws
 * gives a report that reproduces the invoke. The same failure in two sessions (two versions) of a plugin shares one
 * fingerprint, a different failure does not, and another tenant sees none of it.
 */
class DiagnosticsLoopIT {

    // Secrets the plugin leaks: a database URL with a password, an AWS access key id, a GitHub token in an error.
    private static final String DB_PASSWORD = "S3cr3t-pw-991";
    private static final String DB_URL = "postgres://app:" + DB_PASSWORD + "@db/x";
    private static final String AWS_KEY = "AKIA" + "Z4RT7Q2WX9KDM3PB";
    private static final String GITHUB_TOKEN = "ghp_" + "x7Kq2Vb9Lm4Rt8Wn3Pz6Yc1Hd5Jf0Gs2Ae7U";
    private static final String[] SECRETS = {DB_PASSWORD, AWS_KEY, GITHUB_TOKEN, GITHUB_TOKEN.substring(4)};

    private static final String STATE = """
            let count = 0;
            export function getReloadState() { return { count }; }
            export function setReloadState(state) { count = Number(state?.count ?? 0); }
            export const handlers = {
              async increment(payload) { count += payload?.by ?? 1; return { count }; },
              async get() { return { count }; },
            };
            """;
    private static final String GOOD = STATE + """
            export async function setup(ctx) { ctx.log.info(`billing ready (${ctx.reason})`); }
            """;
    /** Throws in setup (the harness runs setup in the onReload step of a reload), after logging two secrets. */
    private static final String BROKEN = STATE + """
            async function connectBilling() {
              console.log('connecting to %s with key %s');
              throw new Error('billing handshake refused: token=%s');
            }
            export async function setup() { await connectBilling(); }
            """.formatted(DB_URL, AWS_KEY, GITHUB_TOKEN);
    private static final String BROKEN_OTHERWISE = STATE + """
            function loadRates() { throw new RangeError('exchange rate table is empty'); }
            export async function setup() { loadRates(); }
            """;
    private static final String FIXED = STATE + """
            // fixed: billing connects lazily, setup no longer needs it
            export async function setup(ctx) { ctx.log.info('billing ready, connecting lazily'); }
            """;

    private static final String LEDGER_BROKEN = """
            function postCharge(payload) { throw new Error('ledger rejected the charge of ' + payload.amount + ': upstream 503'); }
            export const handlers = { async charge(payload) { return postCharge(payload); } };
            """;
    private static final String LEDGER_FIXED = """
            export const handlers = { async charge(payload) { return { charged: payload.amount, item: payload.item }; } };
            """;

    private static Suite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = Suite.get();
    }

    @Test
    void aFailureStreakBecomesAMaskedReportWhoseRegressionFailsUntilTheFixAndOnlyItsTenantSeesIt() throws Exception {
        String tenant = "diag-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = admin(tenant);
        String plugin = "com.acme.billing";
        Session s = register(admin, plugin, "1.0.0", GOOD);

        List<Frame> frames = new CopyOnWriteArrayList<>();
        Thread stream = SuiteCalls.watch(suite.url("stream-gateway", "/internal/dev/plugins/stream?sessionId=" + s.id()
                + "&types=plugin.debug."), SuiteCalls.bearer(admin), frames);
        try {
            for (int i = 1; i <= 5; i++) {
                assertThat(reload(s, BROKEN)).isEqualTo("rolled-back");
            }
            JsonNode alert = SuiteCalls.await(frames, f -> EventTypes.ALERT_RAISED.equals(type(f)), 1, Duration.ofSeconds(15))
                    .getFirst().data().path("payload");
            assertThat(alert.path("rule").asText()).isEqualTo("reload-failure-streak");

            // diagnostics builds the report by itself from the alert
            JsonNode listed = poll(() -> first(call(admin, "GET", "/internal/debug/reports?sessionId=" + s.id(), null, 200)
                    .at("/data/items")), r -> r != null && "ready".equals(r.path("status").asText()), Duration.ofSeconds(30), "report ready");
            String reportId = listed.path("reportId").asText();
            HttpResponse<String> raw = send(admin, "GET", "/internal/debug/report/" + reportId, Map.of(), null);
            assertThat(raw.statusCode()).as(raw.body()).isEqualTo(200);
            JsonNode report = SuiteCalls.JSON.readTree(raw.body()).path("data");
            assertThat(report.path("status").asText()).isEqualTo("ready");
            assertThat(report.path("alertId").asText()).isEqualTo(alert.path("alertId").asText());
            assertThat(report.path("tenantId").asText()).isEqualTo(tenant);
            assertThat(report.path("pluginId").asText()).isEqualTo(plugin);
            assertThat(report.path("severity").asText()).isEqualTo("critical");
            String fingerprint = report.path("fingerprint").asText();
            assertThat(fingerprint).matches("v1:[0-9a-f]{32}");
            assertThat(listed.path("fingerprint").asText()).isEqualTo(fingerprint);
            JsonNode error = report.at("/errors/0");
            assertThat(error.path("origin").asText()).isEqualTo("reload");
            assertThat(error.path("count").asInt()).isGreaterThanOrEqualTo(5);
            assertThat(error.path("message").asText()).contains("billing handshake refused");
            assertThat(error.path("fingerprint").asText()).isEqualTo(fingerprint);
            assertThat(report.at("/reproduction/kind").asText()).isEqualTo("reload");
            List<JsonNode> reloads = list(report.path("reloads"));
            assertThat(reloads.stream().filter(r -> "rolled-back".equals(r.path("result").asText()))).hasSizeGreaterThanOrEqualTo(5);
            assertThat(report.at("/environment/runtime").asText()).isEqualTo("node");
            assertThat(report.at("/environment/version").asText()).isEqualTo("1.0.0");
            assertThat(report.at("/environment/sessionStatus").asText()).isEqualTo("active");
            assertThat(report.at("/masking/redactions").asInt()).isGreaterThan(0);
            assertThat(report.at("/masking/byRule").size()).isGreaterThan(0);
            assertThat(report.at("/masking/rulesVersion").asText()).isNotBlank();
            // telemetry-ingest's figures of the session, read with diagnostics' global token for the tenant
            assertThat(report.path("metrics").has("unavailable")).as("metrics: " + report.path("metrics")).isFalse();
            assertThat(report.at("/metrics/reloads/failed").asInt()).isGreaterThanOrEqualTo(5);
            assertThat(raw.body()).doesNotContain(SECRETS);

            HttpResponse<String> markdown = send(admin, "GET", "/internal/debug/report/" + reportId, Map.of("Accept", "text/markdown"), null);
            assertThat(markdown.statusCode()).isEqualTo(200);
            assertThat(markdown.headers().firstValue("Content-Type").orElse("")).startsWith("text/markdown");
            assertThat(markdown.body()).startsWith("# ").contains(fingerprint).contains("billing handshake refused").doesNotContain(SECRETS);

            HttpResponse<byte[]> bundle = bytes(admin, "/internal/debug/report/" + reportId + "/bundle");
            assertThat(bundle.statusCode()).isEqualTo(200);
            String ndjson = gunzip(bundle.body());
            List<String> lines = ndjson.lines().toList();
            assertThat(lines).isNotEmpty().allSatisfy(l -> assertThat(SuiteCalls.JSON.readTree(l).path("sessionId").asText()).isEqualTo(s.id()));
            assertThat(lines).as("the plugin's own log line, masked").anyMatch(l -> l.contains("connecting to postgres://"));
            assertThat(ndjson).doesNotContain(SECRETS);

            Frame ready = SuiteCalls.await(frames, f -> EventTypes.REPORT_READY.equals(type(f))
                    && reportId.equals(f.data().at("/payload/reportId").asText()), 1, Duration.ofSeconds(10)).getFirst();
            assertThat(ready.data().at("/payload/fingerprint").asText()).isEqualTo(fingerprint);
            assertThat(ready.data().path("tenantId").asText()).isEqualTo(tenant);

            // the reload token of the report's session reads it as well; another tenant's admin learns nothing of it
            call(s.token(), "GET", "/internal/debug/report/" + reportId, null, 200);
            String stranger = admin("other-" + tenant);
            call(stranger, "GET", "/internal/debug/report/" + reportId, null, 404);
            assertThat(send(stranger, "GET", "/internal/debug/report/" + reportId, Map.of("Accept", "text/markdown"), null).statusCode())
                    .isEqualTo(404);
            assertThat(bytes(stranger, "/internal/debug/report/" + reportId + "/bundle").statusCode()).isEqualTo(404);
            assertThat(call(stranger, "GET", "/internal/debug/reports?sessionId=" + s.id(), null, 200).at("/data/items")).isEmpty();
            call(stranger, "POST", "/internal/debug/regression/run", "{\"reportId\":\"" + reportId + "\"}", 404);

            // regression: the current bundle is still the broken one, so the run fails, with the reason
            JsonNode failed = regression(admin, reportId);
            assertThat(failed.path("status").asText()).isEqualTo("failed");
            assertThat(failed.path("details").asText()).contains("still fails").contains("billing handshake refused").doesNotContain(SECRETS);
            call(stranger, "GET", "/internal/debug/regression/" + failed.path("runId").asText(), null, 404);

            // the developer fixes it; the same run now passes
            assertThat(reload(s, FIXED)).isEqualTo("reloaded");
            JsonNode passed = regression(admin, reportId);
            assertThat(passed.path("status").asText()).as(passed.toString()).isEqualTo("passed");
            assertThat(passed.path("sessionId").asText()).isEqualTo(s.id());

            SuiteCalls.await(frames, f -> EventTypes.REGRESSION_FAILED.equals(type(f))
                    && failed.path("runId").asText().equals(f.data().at("/payload/runId").asText()), 1, Duration.ofSeconds(10));
            Frame pass = SuiteCalls.await(frames, f -> EventTypes.REGRESSION_PASSED.equals(type(f))
                    && passed.path("runId").asText().equals(f.data().at("/payload/runId").asText()), 1, Duration.ofSeconds(10)).getFirst();
            assertThat(pass.data().at("/payload/fingerprint").asText()).isEqualTo(fingerprint);
            assertThat(pass.data().at("/payload/passed").asBoolean()).isTrue();
            assertThat(frames).allSatisfy(f -> assertThat(f.data().toString()).doesNotContain(SECRETS));
        } finally {
            stream.interrupt();
        }
        end(admin, s);
    }

    @Test
    void aHandlerThatThrowsGivesAReportThatReplaysTheInvokeWithTheMaskedPayload() throws Exception {
        String tenant = "diag-inv-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = admin(tenant);
        Session s = register(admin, "com.acme.ledger", "1.0.0", LEDGER_BROKEN);

        String payload = "{\"item\":\"coffee\",\"amount\":5,\"apiKey\":\"" + AWS_KEY + "\"}";
        HttpResponse<String> threw = DevLoop.send(suite, "sandbox-orchestrator", "POST", "/internal/dev/sandboxes/" + s.id() + "/invoke",
                admin, "{\"handler\":\"charge\",\"payload\":" + payload + "}");
        assertThat(threw.statusCode()).as(threw.body()).isEqualTo(502);

        String reportId = call(admin, "POST", "/internal/debug/report", "{\"sessionId\":\"" + s.id() + "\",\"notes\":\"charge fails\"}", 202)
                .at("/data/reportId").asText();
        JsonNode report = awaitReport(admin, reportId);
        JsonNode repro = report.path("reproduction");
        assertThat(repro.path("kind").asText()).isEqualTo("invoke");
        assertThat(repro.path("handler").asText()).isEqualTo("charge");
        assertThat(repro.at("/payload/amount").asInt()).isEqualTo(5);
        assertThat(repro.at("/payload/item").asText()).isEqualTo("coffee");
        assertThat(repro.at("/payload/apiKey").asText()).isNotBlank().isNotEqualTo(AWS_KEY);
        assertThat(repro.path("payload").toString()).doesNotContain(AWS_KEY);
        assertThat(report.at("/errors/0/origin").asText()).isEqualTo("invoke");
        assertThat(report.at("/errors/0/message").asText()).contains("ledger rejected the charge");
        assertThat(report.toString()).doesNotContain(SECRETS);

        JsonNode failed = regression(admin, reportId);
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertThat(failed.path("details").asText()).contains("charge").contains("still throws");

        assertThat(reload(s, LEDGER_FIXED)).isEqualTo("reloaded");
        JsonNode passed = regression(admin, reportId);
        assertThat(passed.path("status").asText()).as(passed.toString()).isEqualTo("passed");
        assertThat(passed.path("details").asText()).contains("charge");
        end(admin, s);
    }

    @Test
    void theSameFailureInTwoSessionsOfAPluginSharesAFingerprintAndADifferentOneDoesNot() throws Exception {
        String tenant = "diag-fp-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = admin(tenant);
        String plugin = "com.acme.rates";

        Session first = register(admin, plugin, "1.0.0", GOOD);
        assertThat(reload(first, BROKEN)).isEqualTo("rolled-back");
        String firstFingerprint = reportFingerprint(admin, first, null);

        // the developer comes back with a new version in a new session (the first one is taken over): the same bug
        Session second = register(admin, plugin, "1.1.0", GOOD);
        assertThat(reload(second, BROKEN)).isEqualTo("rolled-back");
        String secondFingerprint = reportFingerprint(admin, second, null);
        assertThat(secondFingerprint).isEqualTo(firstFingerprint);

        // another bug in the same session: another fingerprint
        Instant after = Instant.now();
        assertThat(reload(second, BROKEN_OTHERWISE)).isEqualTo("rolled-back");
        String otherFingerprint = reportFingerprint(admin, second, after);
        assertThat(otherFingerprint).startsWith("v1:").isNotEqualTo(firstFingerprint);
        end(admin, second);
    }

    // ---- helpers ----

    /** A registered session: its id, its reload token, and the credentials of its developer (an admin of the tenant). */
    private record Session(String id, String token, String admin) {
    }

    @Test
    void aReportOfAStoreThatLagsIsCompletedFromTheGatewaysReplayAndSaysSo() throws Exception {
        // A second diagnostics whose evidence consumer reads only lifecycle events (its own group and database): its store
        // never holds the session's sandbox events or logs, so a report of it can only be completed by the fallback.
        suite.stack().postgres().ensureDatabase("px_diagnostics_fallback");
        // Its group is this test's, not the manifests': granted to the service's KafkaUser as an operator would.
        suite.allowGroup("diagnostics-service", "diagnostics-fallback");
        String lagging = suite.startReplica("diagnostics-service", Map.of("PX_PG_DB", "px_diagnostics_fallback",
                "MP_MESSAGING_INCOMING_EVIDENCE_TOPICS", "dev.session.lifecycle",
                "MP_MESSAGING_INCOMING_EVIDENCE_GROUP_ID", "diagnostics-fallback",
                "PX_DIAG_EVIDENCE_WAIT", "1s", "PX_INSTANCE_ID", "diagnostics-fallback"));
        String tenant = "diag-fb-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = admin(tenant);
        Session s = register(admin, "com.acme.fallback", "1.0.0", GOOD);
        try {
            assertThat(reload(s, BROKEN)).isEqualTo("rolled-back");
            // 404 until the lagging instance has consumed the registration (it reads the lifecycle topic from the start)
            JsonNode known = poll(() -> {
                HttpResponse<String> r = DevLoop.send(suite, lagging, "POST", "/internal/debug/report", admin, "{\"sessionId\":\"" + s.id() + "\"}");
                return SuiteCalls.JSON.readTree(r.statusCode() == 202 ? r.body() : "{}");
            }, r -> r.at("/data/reportId").isTextual(), Duration.ofSeconds(30), "the lagging instance to learn the session");
            String reportId = known.at("/data/reportId").asText();
            JsonNode report = poll(() -> DevLoop.call(suite, lagging, "GET", "/internal/debug/report/" + reportId, admin, null, 200).path("data"),
                    r -> List.of("ready", "failed").contains(r.path("status").asText()), Duration.ofSeconds(30), "report " + reportId);
            assertThat(report.path("status").asText()).as(report.toString()).isEqualTo("ready");
            assertThat(report.at("/evidence/fallback/used").asBoolean()).as(report.path("evidence").toString()).isTrue();
            assertThat(report.at("/evidence/fallback/events").asInt()).isGreaterThan(0);
            assertThat(report.at("/evidence/lagging")).isNotEmpty();
            assertThat(report.at("/errors/0/origin").asText()).isEqualTo("reload");
            assertThat(report.at("/errors/0/message").asText()).contains("billing handshake refused");
            assertThat(report.toString()).doesNotContain(SECRETS);
        } finally {
            suite.stopReplica(lagging);
        }
        end(admin, s);
    }

    private static String admin(String tenant) {
        return LocalTokens.forTests().mint(tenant, "dev-ann", List.of("admin.devHotload.manage"));
    }

    private static Map<String, byte[]> bundle(String code) {
        return Map.of("index.mjs", code.getBytes(StandardCharsets.UTF_8));
    }

    /** Registers {@code code} as a node plugin (taking over a live session of it), uploads it, waits until it serves. */
    private static Session register(String admin, String plugin, String version, String code) throws Exception {
        Map<String, byte[]> files = bundle(code);
        DevLoop.upload(suite, admin, files);
        ObjectNode body = (ObjectNode) SuiteCalls.JSON.readTree(DevLoop.registerBody(plugin, "node", "index.mjs", files));
        body.put("version", version);
        ((ObjectNode) body.get("manifest")).put("version", version);
        JsonNode registered = DevLoop.call(suite, "session-service", "POST", "/internal/dev/plugins/register", admin,
                SuiteCalls.JSON.writeValueAsString(body), 201);
        Session s = new Session(registered.at("/data/sessionId").asText(), registered.at("/data/reloadToken").asText(), admin);
        DevLoop.awaitSandbox(suite, "sandbox-orchestrator", admin, s.id(), "ready", Duration.ofSeconds(60));
        return s;
    }

    /** A reload of {@code code} that waits for the sandbox's outcome; its result. */
    private static String reload(Session s, String code) throws Exception {
        Map<String, byte[]> files = bundle(code);
        DevLoop.upload(suite, s.admin(), files);
        return DevLoop.call(suite, "session-service", "POST", "/internal/dev/plugins/reload?wait=30", null,
                DevLoop.reloadBody(s.id(), s.token(), files), 200).at("/data/outcome/result").asText();
    }

    private static void end(String admin, Session s) throws Exception {
        DevLoop.call(suite, "session-service", "DELETE", "/internal/dev/plugins/sessions/" + s.id(), admin, null, 200);
    }

    /** Requests a report of the session (from {@code from}, else the default window) and answers its fingerprint once ready. */
    private static String reportFingerprint(String admin, Session s, Instant from) throws Exception {
        String window = from == null ? "" : ",\"window\":{\"from\":\"" + from + "\"}";
        String id = call(admin, "POST", "/internal/debug/report", "{\"sessionId\":\"" + s.id() + "\"" + window + "}", 202)
                .at("/data/reportId").asText();
        JsonNode report = awaitReport(admin, id);
        assertThat(report.at("/errors/0/origin").asText()).isEqualTo("reload");
        assertThat(report.at("/errors/0/fingerprint").asText()).isEqualTo(report.path("fingerprint").asText());
        return report.path("fingerprint").asText();
    }

    private static JsonNode awaitReport(String admin, String reportId) throws Exception {
        JsonNode report = poll(() -> call(admin, "GET", "/internal/debug/report/" + reportId, null, 200).path("data"),
                r -> List.of("ready", "failed").contains(r.path("status").asText()), Duration.ofSeconds(30), "report " + reportId);
        assertThat(report.path("status").asText()).as(report.toString()).isEqualTo("ready");
        return report;
    }

    /** Starts a regression run of the report and waits for its end; the run. */
    private static JsonNode regression(String admin, String reportId) throws Exception {
        String runId = call(admin, "POST", "/internal/debug/regression/run", "{\"reportId\":\"" + reportId + "\"}", 202)
                .at("/data/runId").asText();
        return poll(() -> call(admin, "GET", "/internal/debug/regression/" + runId, null, 200).path("data"),
                r -> !"running".equals(r.path("status").asText()), Duration.ofSeconds(60), "regression run " + runId);
    }

    private static JsonNode call(String token, String method, String path, String body, int expected) throws Exception {
        return DevLoop.call(suite, "diagnostics-service", method, path, token, body, expected);
    }

    private static HttpResponse<String> send(String token, String method, String path, Map<String, String> headers, String body)
            throws Exception {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("Authorization", "Bearer " + token);
        return SuiteCalls.send(suite, "diagnostics-service", method, path, all, body);
    }

    private static HttpResponse<byte[]> bytes(String token, String path) throws Exception {
        return SuiteCalls.HTTP.send(HttpRequest.newBuilder(suite.url("diagnostics-service", path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String gunzip(byte[] gzip) throws Exception {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String type(Frame f) {
        return f.data().path("type").asText();
    }

    private static JsonNode first(JsonNode items) {
        return items.isArray() && !items.isEmpty() ? items.get(0) : null;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private interface Read {
        JsonNode get() throws Exception;
    }

    private static JsonNode poll(Read read, java.util.function.Predicate<JsonNode> done, Duration within, String what) throws Exception {
        Instant deadline = Instant.now().plus(within);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = read.get();
            if (last != null && done.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out after " + within.toSeconds() + " s waiting for " + what + " (last: " + last + ")");
    }
}
