package com.powerx.devhotload.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.powerx.devhotload.cli.bundle.BlobHasher;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * session-service, stream-gateway and telemetry-ingest as far as the CLI's HTTP-level tests need them, on one JDK
 * HttpServer: only where running the real suite in a unit test would be unreasonable (the e2e tests use the real one).
 */
final class FakeSuite implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One request as received. */
    record Received(String method, String path, Map<String, String> headers, byte[] body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    final List<Received> requests = new CopyOnWriteArrayList<>();
    final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    final List<JsonNode> telemetry = new CopyOnWriteArrayList<>();
    final CountDownLatch endLogs = new CountDownLatch(1);
    final java.util.concurrent.BlockingQueue<JsonNode> sandboxEvents = new java.util.concurrent.LinkedBlockingQueue<>();
    final AtomicInteger sequence = new AtomicInteger();
    volatile boolean conflict;
    volatile int registerStatus = 201;
    /** Blobs of at least this size are offered a pre-signed upload to the fake bucket (as session-service on S3 does). */
    volatile long presignFrom = Long.MAX_VALUE;
    /** The fake bucket answers 403 to every upload (an expired URL, a bucket the developer cannot reach). */
    volatile boolean bucketRefuses;
    /** Uploads the fake bucket received and nobody confirmed yet. */
    final Map<String, byte[]> staged = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    FakeSuite() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> calls(String method, String pathPrefix) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        Map<String, String> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.getFirst()));
        Received received = new Received(method, path + (exchange.getRequestURI().getQuery() == null ? "" : "?" + exchange.getRequestURI().getQuery()),
                headers, exchange.getRequestBody().readAllBytes());
        requests.add(received);
        try {
            route(exchange, received);
        } catch (RuntimeException e) {
            reply(exchange, 500, "{\"code\":500,\"error_code\":\"DEV_INTERNAL\",\"message\":\"" + e + "\"}");
        }
    }

    private void route(HttpExchange exchange, Received r) throws IOException {
        String p = r.path();
        if (p.equals("/internal/dev/plugins/register")) {
            register(exchange, r.json());
        } else if (p.equals("/internal/dev/plugins/blobs/missing")) {
            ObjectNode data = JSON.createObjectNode();
            ArrayNode missing = data.putArray("missing");
            r.json().path("sha256").forEach(sha -> {
                if (!blobs.containsKey(sha.asText())) {
                    missing.add(sha.asText());
                }
            });
            offerUploads(data, r.json().path("sizes"));
            ok(exchange, 200, data);
        } else if (p.startsWith("/bucket/uploads/") && r.method().equals("PUT")) {
            // Signed by its URL: our credentials must not travel there, the signed header must.
            boolean signed = "signed".equals(r.headers().get("x-amz-meta-px")) && !r.headers().containsKey("authorization");
            if (bucketRefuses || !signed) {
                reply(exchange, 403, "<Error><Code>AccessDenied</Code></Error>");
                return;
            }
            staged.put(p.substring(p.lastIndexOf('/') + 1, p.indexOf('?')), r.body());
            reply(exchange, 200, "");
        } else if (p.startsWith("/internal/dev/plugins/blobs/") && p.endsWith("/uploaded") && r.method().equals("POST")) {
            String sha = p.substring("/internal/dev/plugins/blobs/".length(), p.length() - "/uploaded".length());
            byte[] body = staged.remove(sha);
            if (body == null || !BlobHasher.hash(body).equals(sha)) {
                reply(exchange, 404, "{\"code\":404,\"error_code\":\"DEV_NOT_FOUND\"}");
                return;
            }
            blobs.put(sha, body);
            ok(exchange, 201, JSON.createObjectNode().put("sha256", sha));
        } else if (p.startsWith("/internal/dev/plugins/blobs/") && r.method().equals("PUT")) {
            String sha = p.substring(p.lastIndexOf('/') + 1);
            if (!BlobHasher.hash(r.body()).equals(sha)) {
                reply(exchange, 400, "{\"code\":400,\"error_code\":\"DEV_BAD_REQUEST\",\"reason_code\":\"hash_mismatch\"}");
                return;
            }
            boolean stored = blobs.putIfAbsent(sha, r.body()) == null;
            ok(exchange, stored ? 201 : 200, JSON.createObjectNode().put("sha256", sha));
        } else if (p.startsWith("/internal/dev/plugins/sessions/") && p.endsWith("/resume")) {
            ok(exchange, 200, JSON.createObjectNode().put("reloadToken", "token-2"));
        } else if (p.startsWith("/internal/dev/plugins/sessions/") && r.method().equals("GET")) {
            ObjectNode view = JSON.createObjectNode().put("sessionId", "s-1").put("status", "active").put("tenant", "local");
            view.putObject("sandbox").put("state", "ready");
            ok(exchange, 200, view);
        } else if (p.startsWith("/internal/dev/plugins/sessions/") && r.method().equals("DELETE")) {
            ok(exchange, 200, JSON.createObjectNode().put("sessionId", "s-1").put("status", "terminated"));
        } else if (p.startsWith("/internal/dev/plugins/reload")) {
            reload(exchange, r.json());
        } else if (p.startsWith("/internal/dev/plugins/stream")) {
            events(exchange);
        } else if (p.startsWith("/api/v1/dev/")) {
            logs(exchange);
        } else if (p.equals("/internal/dev/telemetry")) {
            r.json().path("events").forEach(telemetry::add);
            ok(exchange, 202, JSON.createObjectNode().put("accepted", r.json().path("events").size()).set("rejected", JSON.createArrayNode()));
        } else {
            reply(exchange, 404, "{\"code\":404,\"error_code\":\"DEV_NOT_FOUND\"}");
        }
    }

    private void offerUploads(ObjectNode data, JsonNode sizes) {
        ObjectNode uploads = JSON.createObjectNode();
        data.path("missing").forEach(sha -> {
            if (sizes.path(sha.asText()).asLong(-1) >= presignFrom) {
                ObjectNode offer = uploads.putObject(sha.asText()).put("url", url() + "/bucket/uploads/" + sha.asText() + "?X-Amz-Signature=fake")
                        .put("method", "PUT").put("expiresAt", "2030-01-01T00:00:00Z");
                offer.putObject("headers").put("Content-Type", "application/octet-stream").put("x-amz-meta-px", "signed")
                        .put("host", "ignored-by-clients");
            }
        });
        if (!uploads.isEmpty()) {
            data.set("uploads", uploads);
        }
    }

    private void register(HttpExchange exchange, JsonNode body) throws IOException {
        if (registerStatus == 401) {
            reply(exchange, 401, "{\"code\":401,\"message\":\"invalid token\",\"error_code\":\"DEV_UNAUTHORIZED\"}");
            return;
        }
        if (conflict && !body.path("takeover").asBoolean()) {
            reply(exchange, 409, "{\"code\":409,\"message\":\"an active session exists\",\"error_code\":\"DEV_CONFLICT\","
                    + "\"details\":{\"sessionId\":\"s-0\",\"pluginId\":\"com.acme.counter\",\"status\":\"active\"}}");
            return;
        }
        ObjectNode data = JSON.createObjectNode().put("sessionId", "s-1").put("reloadToken", "token-1").put("status", "pending")
                .put("adminUrl", url() + "/console/#s-1");
        ArrayNode missing = data.putArray("missingBlobs");
        Set<String> asked = new java.util.TreeSet<>();
        body.path("files").forEach(f -> asked.add(f.path("sha256").asText()));
        asked.stream().filter(sha -> !blobs.containsKey(sha)).forEach(missing::add);
        ok(exchange, 201, data);
    }

    private void reload(HttpExchange exchange, JsonNode body) throws IOException {
        int seq = sequence.incrementAndGet();
        ObjectNode data = JSON.createObjectNode().put("sessionId", "s-1").put("sequence", seq).put("status", "accepted");
        ObjectNode outcome = data.putObject("outcome");
        String index = body.path("files").findValues("path").stream().anyMatch(n -> n.asText().equals("index.mjs")) ? content(body, "index.mjs") : "";
        if (index.contains("syntax error")) {
            // As session-service does: the answer carries the message, the sandbox event carries the stack.
            outcome.put("result", "rolled-back").put("durationMs", 9).put("error", "Unexpected identifier 'error'");
            ObjectNode event = JSON.createObjectNode().put("id", seq + "-0").put("type", "dev.session.rolled-back").put("sessionId", "s-1");
            event.putObject("payload").put("sequence", seq).putObject("error").put("message", "Unexpected identifier 'error'").put("phase", "load")
                    .put("stack", "file:///tmp/px-sandbox/s-1/v" + seq + "/index.mjs:3\nsyntax error here\n^^^^^\n\nSyntaxError: Unexpected identifier 'error'");
            sandboxEvents.add(event);
        } else {
            outcome.put("result", "reloaded").put("durationMs", 12);
        }
        ok(exchange, 200, data);
    }

    private String content(JsonNode body, String path) {
        for (JsonNode file : body.path("files")) {
            if (file.path("path").asText().equals(path)) {
                byte[] blob = blobs.get(file.path("sha256").asText());
                return blob == null ? "" : new String(blob, StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    private void logs(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write(("retry: 3000\n\nid: 1-0\nevent: log\ndata: {\"timestamp\":\"2026-01-01T00:00:00Z\",\"level\":\"info\",\"source\":\"stdout\","
                + "\"message\":\"counter v1 ready\",\"sessionId\":\"s-1\",\"reloadSeq\":0}\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        try {
            endLogs.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            out.write("id: 2-0\nevent: end\ndata: {\"sessionId\":\"s-1\"}\n\n".getBytes(StandardCharsets.UTF_8));
            out.close();
        } catch (IOException clientGone) {
            // the CLI already closed the stream
        }
    }

    private void events(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        try {
            out.write("retry: 3000\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (endLogs.getCount() > 0) {
                JsonNode event = sandboxEvents.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (event != null) {
                    out.write(("id: " + event.path("id").asText() + "\nevent: " + event.path("type").asText() + "\ndata: "
                            + JSON.writeValueAsString(event) + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
            out.close();
        } catch (InterruptedException | IOException gone) {
            // the CLI closed the stream
        }
    }

    private static void ok(HttpExchange exchange, int status, JsonNode data) throws IOException {
        ObjectNode envelope = JSON.createObjectNode().put("code", status).put("message", "success");
        envelope.set("data", data);
        reply(exchange, status, JSON.writeValueAsString(envelope));
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        endLogs.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
