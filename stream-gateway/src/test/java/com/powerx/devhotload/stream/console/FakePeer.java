package com.powerx.devhotload.stream.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stand-in for the console proxy's peers: one plain HTTP server behind session, telemetry and tickets (the
 * diagnostics URL points at a closed port, to see the proxy answer 503). It answers the admin API's shapes and
 * reports over HTTP what it received ({@code /__last}, {@code /__count}): the test runs in Quarkus's class loader,
 * so it reads the peer the way the gateway does, not through static fields.
 */
public class FakePeer implements QuarkusTestResourceLifecycleManager {

    static final String SESSION_PAGE = """
            {"code":200,"message":"success","data":{"items":[],"page":1,"size":20,"total":0,
            "metrics":{"active":7,"reloadsLastHour":3,"failedReloadsLastHour":1,"p95ReloadMsLastHour":120.0}}}""";

    private HttpServer server;
    private final AtomicReference<String> last = new AtomicReference<>("{}");
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("px.console.session-url", url, "px.console.telemetry-url", url, "px.console.tickets-url", url,
                "px.console.diagnostics-url", "http://127.0.0.1:" + closedPort(), "px.console.timeout", "5s");
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String answer;
        if (path.equals("/__last")) {
            answer = last.get();
        } else if (path.equals("/__count")) {
            answer = String.valueOf(count.get());
        } else {
            count.incrementAndGet();
            last.set(record(exchange));
            answer = path.endsWith("/terminate")
                    ? "{\"code\":200,\"message\":\"success\",\"data\":{\"sessionId\":\"s\",\"status\":\"terminated\",\"auditId\":\"a\"}}"
                    : path.equals("/api/admin/dev-hotload/sessions") ? SESSION_PAGE : "{\"code\":200,\"message\":\"success\",\"data\":{}}";
            exchange.getResponseHeaders().add("Set-Cookie", "peer=secret");
            exchange.getResponseHeaders().add("X-Peer-Internal", "yes");
        }
        byte[] body = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    /** What the peer received, as JSON (headers lower-cased, first value). */
    private static String record(HttpExchange exchange) throws IOException {
        StringBuilder json = new StringBuilder("{\"method\":").append(quote(exchange.getRequestMethod()))
                .append(",\"path\":").append(quote(exchange.getRequestURI().getRawPath()))
                .append(",\"query\":").append(quote(exchange.getRequestURI().getRawQuery()))
                .append(",\"body\":").append(quote(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)))
                .append(",\"headers\":{");
        String separator = "";
        for (var header : exchange.getRequestHeaders().entrySet()) {
            json.append(separator).append(quote(header.getKey().toLowerCase())).append(':').append(quote(header.getValue().getFirst()));
            separator = ",";
        }
        return json.append("}}").toString();
    }

    private static String quote(String value) {
        return value == null ? "null" : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
