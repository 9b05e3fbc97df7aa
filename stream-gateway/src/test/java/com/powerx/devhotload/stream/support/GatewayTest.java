package com.powerx.devhotload.stream.support;

import com.powerx.devhotload.contracts.CloudEvent;
import io.quarkus.test.common.http.TestHTTPResource;

import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the gateway's HTTP tests share: the server's address and a few ways to open and read streams. */
public abstract class GatewayTest {

    public static final Duration WAIT = Duration.ofSeconds(20);
    public static final String STREAM = "internal/dev/plugins/stream";

    @TestHTTPResource("/")
    protected URL base;

    protected SseClient stream(String query, Map<String, String> headers) {
        return SseClient.open(base + STREAM + (query.isEmpty() ? "" : "?" + query), headers);
    }

    protected SseClient adminStream(String tenant, String query) {
        SseClient client = stream(query, SseClient.bearer(Tokens.admin(tenant)));
        assertThat(client.status()).as(client.errorBody()).isEqualTo(200);
        return client;
    }

    /**
     * Opens a stream naming a session (or carrying a reload token) that was just registered: the gateway learns
     * sessions from Kafka, so this retries while the answer is still 401/404.
     */
    protected SseClient openWhenKnown(String path, String query, Map<String, String> headers) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            SseClient client = SseClient.open(base + path + (query.isEmpty() ? "" : "?" + query), headers);
            if (client.status() == 200 || System.nanoTime() > deadline
                    || (client.status() != 401 && client.status() != 404)) {
                assertThat(client.status()).as(client.errorBody()).isEqualTo(200);
                return client;
            }
            client.close();
        }
    }

    protected SseClient openWhenKnown(String query, Map<String, String> headers) {
        return openWhenKnown(STREAM, query, headers);
    }

    /**
     * Registers sessions the way session-service announces them and waits until the gateway knows them (a session
     * the gateway never heard of answers 404, exactly like another tenant's).
     */
    protected void registerSessions(String tenant, String plugin, String... sessionIds) {
        List<CloudEvent> registrations = new ArrayList<>();
        for (String sessionId : sessionIds) {
            registrations.add(TestEvents.registered(tenant, sessionId, plugin, "dev", TestEvents.newReloadToken()));
        }
        TestEvents.publishAll(registrations);
        StringBuilder query = new StringBuilder();
        for (String sessionId : sessionIds) {
            query.append(query.isEmpty() ? "" : "&").append(q("sessionId", sessionId));
        }
        openWhenKnown(query.toString(), SseClient.bearer(Tokens.admin(tenant))).close();
    }

    protected static String q(String name, String value) {
        return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    protected static Map<String, String> headers(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** Reads {@code count} data frames or fails. */
    protected static List<SseFrame> read(SseClient client, int count) {
        List<SseFrame> frames = client.events(count, WAIT);
        assertThat(frames).as("frames received").hasSize(count);
        return frames;
    }

    /** The CloudEvent ids of frames, in order. */
    protected static List<String> eventIds(List<SseFrame> frames) {
        List<String> ids = new ArrayList<>();
        frames.forEach(f -> ids.add(f.json().path("id").asText()));
        return ids;
    }

    protected static List<String> ids(List<CloudEvent> events) {
        return events.stream().map(CloudEvent::id).toList();
    }

    /** Everything already queued by {@code client} after a short quiet period (to prove nothing else came). */
    protected static List<SseFrame> drain(SseClient client, Duration quiet) {
        List<SseFrame> frames = new ArrayList<>();
        SseFrame frame;
        while ((frame = client.nextEvent(quiet)) != null) {
            frames.add(frame);
        }
        return frames;
    }

    protected double metric(String sample) {
        return GatewayMetrics.value(base.toString(), sample);
    }
}
