package com.powerx.devhotload.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.Topics;
import com.powerx.devhotload.devstack.EventProbe;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** session-service as a process: streamed uploads bigger than its heap, and sessions that survive a kill -9. */
class SessionServiceIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Suite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = Suite.get();
    }

    @Test
    void a200MegabyteBlobStreamsThroughA256MegabyteHeap() throws Exception {
        long size = 200L * 1024 * 1024;
        byte[] chunk = new byte[1 << 20];
        new java.util.Random(7).nextBytes(chunk);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (long i = 0; i < size / chunk.length; i++) digest.update(chunk);
        String sha = HexFormat.of().formatHex(digest.digest());

        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(suite.url("session-service", "/internal/dev/plugins/blobs/" + sha))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> repeat(chunk, size / chunk.length))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isIn(200, 201);
        assertThat(JSON.readTree(put.body()).at("/data/size").asLong()).isEqualTo(size);
        assertThat(suite.isAlive("session-service")).isTrue();

        HttpResponse<InputStream> get = HTTP.send(HttpRequest.newBuilder(suite.url("session-service", "/internal/dev/plugins/blobs/" + sha)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        MessageDigest back = MessageDigest.getInstance("SHA-256");
        try (InputStream in = get.body()) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) != -1) back.update(buf, 0, n);
        }
        assertThat(HexFormat.of().formatHex(back.digest())).isEqualTo(sha);
    }

    @Test
    void sessionsSurviveAKilledServiceAndTheirEventsAreAllPublished() throws Exception {
        String plugin = "com.acme.restart" + UUID.randomUUID().toString().substring(0, 6);
        try (EventProbe probe = EventProbe.open(suite.stack().kafka().bootstrapServers(), Topics.SESSION_LIFECYCLE)) {
            JsonNode registered = post("/internal/dev/plugins/register", "{\"pluginId\":\"" + plugin + "\",\"version\":\"1.0.0\"}", null);
            String id = registered.at("/data/sessionId").asText();
            String token = registered.at("/data/reloadToken").asText();
            int reloads = 20;
            for (int i = 0; i < reloads; i++) {
                post("/internal/dev/plugins/reload", "{\"sessionId\":\"" + id + "\"}", token);
            }
            suite.kill("session-service");
            suite.restart("session-service");

            HttpResponse<String> read = HTTP.send(HttpRequest.newBuilder(suite.url("session-service", "/internal/dev/plugins/" + id))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode()).isEqualTo(200);
            JsonNode status = JSON.readTree(read.body());
            assertThat(status.get("status").asText()).isEqualTo("active");
            assertThat(status.get("reloadCount").asInt()).isEqualTo(reloads);
            // Every event committed before the kill reaches Kafka, whether or not the relay had sent it yet.
            assertThat(probe.await(EventProbe.of(EventTypes.RELOAD_REQUESTED, id), reloads, Duration.ofSeconds(30))
                    .stream().map(e -> e.data().get("sequence").asLong()).distinct().count()).isEqualTo(reloads);
            assertThat(probe.await(EventProbe.of(EventTypes.SESSION_REGISTERED, id), 1, Duration.ofSeconds(5))).isNotEmpty();
            // And the restarted service keeps counting where it was.
            JsonNode next = post("/internal/dev/plugins/reload", "{\"sessionId\":\"" + id + "\"}", token);
            assertThat(next.get("sequence").asLong()).isEqualTo(reloads + 1);
        }
    }

    private static JsonNode post(String path, String body, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(suite.url("session-service", path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) b.header("Authorization", "Bearer " + bearer);
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 202);
        return JSON.readTree(r.body());
    }

    private static InputStream repeat(byte[] chunk, long times) {
        return new InputStream() {
            long served;
            int pos;
            @Override public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }
            @Override public int read(byte[] b, int off, int len) {
                if (served == times) return -1;
                int n = Math.min(len, chunk.length - pos);
                System.arraycopy(chunk, pos, b, off, n);
                pos += n;
                if (pos == chunk.length) { pos = 0; served++; }
                return n;
            }
        };
    }
}
