package com.powerx.devhotload.stream.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.powerx.devhotload.devstack.DevStackResource;
import com.powerx.devhotload.stream.support.GatewayMetrics;
import com.powerx.devhotload.stream.support.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.io.OutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console page and its proxy (docs/console.md), in local mode against {@link FakePeer}: the static files are
 * served; only allow-listed calls reach a peer; the caller's token — from the header or the px_token cookie —
 * travels on as a bearer token and nothing else of the caller's does; the local developer's calls carry none;
 * state-changing calls need X-PX-Console; the console's meters are exported.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "redis", value = "true"))
@QuarkusTestResource(FakePeer.class)
class ConsoleProxyTest {

    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SESSIONS = "console/api/session/api/admin/dev-hotload/sessions";

    @TestHTTPResource("/")
    URL base;

    @Test
    void thePageAndItsModulesAreServedAsStaticFiles() throws Exception {
        HttpResponse<String> page = get("console/", Map.of());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("Dev Hotload", "type=\"module\"").doesNotContain("http://", "https://");
        HttpResponse<String> app = get("console/app.js", Map.of());
        assertThat(app.statusCode()).isEqualTo(200);
        assertThat(app.headers().firstValue("Content-Type").orElse("")).contains("javascript");
        HttpResponse<String> bare = get("console", Map.of());
        assertThat(bare.statusCode()).isEqualTo(302);
        assertThat(bare.headers().firstValue("Location")).hasValue("/console/");
    }

    @Test
    void anAllowedCallIsForwardedWithTheBearerTokenAndNothingElseOfTheCaller() throws Exception {
        String token = Tokens.admin("acme");
        HttpResponse<String> r = get(SESSIONS + "?page=2&size=10&status=active,pending",
                Map.of("Authorization", "Bearer " + token, "X-Request-ID", "req-console-1", "X-Custom", "stays"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).at("/data/metrics/active").asInt()).isEqualTo(7);
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(r.headers().firstValue("X-Peer-Internal")).isEmpty();
        JsonNode seen = lastPeerRequest();
        assertThat(seen.path("method").asText()).isEqualTo("GET");
        assertThat(seen.path("path").asText()).isEqualTo("/api/admin/dev-hotload/sessions");
        assertThat(seen.path("query").asText()).isEqualTo("page=2&size=10&status=active,pending");
        assertThat(seen.at("/headers/authorization").asText()).isEqualTo("Bearer " + token);
        assertThat(seen.at("/headers/x-request-id").asText()).isEqualTo("req-console-1");
        assertThat(seen.path("headers").has("x-custom")).isFalse();
        // The page the proxy relayed feeds the active-sessions gauge.
        assertThat(GatewayMetrics.value(base.toString(), "admin_dev_hotload_active_sessions{tenant=\"acme\"}")).isEqualTo(7.0);
    }

    @Test
    void theTokenInThePxTokenCookieBecomesABearerTokenAndTheCookieStaysBehind() throws Exception {
        String token = Tokens.admin("cookie-tenant");
        HttpResponse<String> r = get(SESSIONS, Map.of("Cookie", "px_token=" + token + "; other=1"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode seen = lastPeerRequest();
        assertThat(seen.at("/headers/authorization").asText()).isEqualTo("Bearer " + token);
        assertThat(seen.path("headers").has("cookie")).isFalse();
    }

    @Test
    void theLocalDeveloperIsForwardedWithoutCredentials() throws Exception {
        HttpResponse<String> r = get(SESSIONS, Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(lastPeerRequest().path("headers").has("authorization")).isFalse();
    }

    @Test
    void callsOutsideTheAllowListNeverReachAPeer() throws Exception {
        int before = peerCount();
        String admin = "Bearer " + Tokens.admin("acme");
        for (String path : new String[]{
                "console/api/session/internal/dev/plugins/sessions",
                "console/api/session/internal/dev/plugins/register",
                "console/api/session/api/admin/dev-hotload/sessions/..%2F..%2F..%2Finternal%2Fdev%2Fplugins%2Fsessions",
                "console/api/session/api/admin/dev-hotload/sessions%2F..%2Faudit",
                "console/api/orchestrator/internal/dev/sandboxes",
                "console/api/tickets/internal/ticket/reconcile",
                "console/api/session"}) {
            HttpResponse<String> r = get(path, Map.of("Authorization", admin));
            assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(404);
            assertThat(JSON.readTree(r.body()).path("error_code").asText()).isEqualTo("DEV_NOT_FOUND");
        }
        // A dot-segment path, sent as is on the wire (java.net.http would normalise it).
        assertThat(rawStatus("/console/api/session/api/admin/dev-hotload/sessions/../../../internal/dev/plugins/sessions")).isEqualTo(404);
        HttpResponse<String> wrongMethod = get("console/api/session/api/admin/dev-hotload/sessions/" + UUID.randomUUID() + "/terminate",
                Map.of("Authorization", admin));
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        HttpResponse<String> inQuery = get(SESSIONS + "?access_token=abc", Map.of());
        assertThat(inQuery.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(inQuery.body()).path("reason_code").asText()).isEqualTo("credentials_in_query");
        HttpResponse<String> badToken = get(SESSIONS, Map.of("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"));
        assertThat(badToken.statusCode()).isEqualTo(401);
        HttpResponse<String> badTokenPost = post("console/api/session/api/admin/dev-hotload/sessions/" + UUID.randomUUID() + "/terminate",
                Map.of("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl", "X-PX-Console", "1"), "{}");
        assertThat(badTokenPost.statusCode()).as(badTokenPost.body()).isEqualTo(401);
        assertThat(badTokenPost.body()).contains("DEV_UNAUTHORIZED");
        assertThat(peerCount()).isEqualTo(before);
    }

    @Test
    void terminateNeedsTheConsoleHeaderAndIsTimed() throws Exception {
        String path = "console/api/session/api/admin/dev-hotload/sessions/" + UUID.randomUUID() + "/terminate";
        String admin = "Bearer " + Tokens.admin("acme");
        int before = peerCount();
        HttpResponse<String> withoutHeader = post(path, Map.of("Authorization", admin), "{\"reason\":\"x\"}");
        assertThat(withoutHeader.statusCode()).isEqualTo(403);
        assertThat(peerCount()).isEqualTo(before);

        HttpResponse<String> r = post(path, Map.of("Authorization", admin, "X-PX-Console", "1"), "{\"reason\":\"cleanup\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).at("/data/auditId").asText()).isEqualTo("a");
        JsonNode seen = lastPeerRequest();
        assertThat(seen.path("method").asText()).isEqualTo("POST");
        assertThat(seen.path("body").asText()).isEqualTo("{\"reason\":\"cleanup\"}");
        assertThat(seen.at("/headers/content-type").asText()).isEqualTo("application/json");
        assertThat(GatewayMetrics.value(base.toString(), "admin_dev_hotload_terminate_latency_ms_count")).isGreaterThanOrEqualTo(1.0);
        assertThat(GatewayMetrics.scrape(base.toString())).contains("admin_dev_hotload_log_throughput_total");
    }

    @Test
    void anUnreachablePeerAnswers503WithRetryAfter() throws Exception {
        HttpResponse<String> r = post("console/api/diagnostics/internal/debug/logs/export",
                Map.of("X-PX-Console", "1"), "{\"sessionId\":\"" + UUID.randomUUID() + "\"}");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
        assertThat(JSON.readTree(r.body()).path("error_code").asText()).isEqualTo("DEV_UNAVAILABLE");
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The status of a GET written byte for byte, so that dot segments reach the server. */
    private int rawStatus(String path) throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }

    private static String peer() {
        return ConfigProvider.getConfig().getValue("px.console.session-url", String.class);
    }

    private static JsonNode lastPeerRequest() throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(peer() + "/__last")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private static int peerCount() throws Exception {
        return Integer.parseInt(HTTP.send(HttpRequest.newBuilder(URI.create(peer() + "/__count")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }
}
