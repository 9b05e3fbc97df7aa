package com.powerx.devhotload.e2e;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventSources;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.Topics;
import com.powerx.devhotload.contracts.payload.SessionLog;
import com.powerx.devhotload.devstack.EventProbe;
import com.powerx.devhotload.devstack.LocalTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two stream-gateway replicas in one consumer group, each with its own subscriber: each replica ingests only its
 * share of the partitions, yet both subscribers receive every event, in the same order, with the same SSE ids —
 * the ids come from the tenant's replay stream in Redis, not from the replica that consumed the event.
 */
class StreamReplicasIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PLUGIN = "com.acme.replicas";
    private static Suite suite;

    @BeforeAll
    static void start() throws Exception {
        suite = Suite.get();
    }

    @Test
    void twoReplicasServeTheSameEventsWithTheSameIds() throws Exception {
        String replica = suite.startReplica("stream-gateway");
        try (EventProbe kafka = EventProbe.open(suite.stack().kafka().bootstrapServers(), Topics.SESSION_LOG)) {
            String tenant = "replicas-" + UUID.randomUUID().toString().substring(0, 8);
            String admin = LocalTokens.forTests().mint(tenant, "ops-ann", List.of("admin.devHotload.manage"));
            List<String> sessions = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                sessions.add("sess_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20));
            }

            // The replica's arrival rebalances the group: publish until both replicas have appended something, so
            // that the measured events are really split between them.
            double firstBefore = appended("stream-gateway");
            double secondBefore = appended(replica);
            Instant deadline = Instant.now().plusSeconds(90);
            while ((appended("stream-gateway") == firstBefore || appended(replica) == secondBefore) && Instant.now().isBefore(deadline)) {
                kafka.publishAll(lines(tenant, sessions, 24, "warm-up"));
                Thread.sleep(500);
            }
            assertThat(appended("stream-gateway")).as("first replica appended").isGreaterThan(firstBefore);
            assertThat(appended(replica)).as("second replica appended").isGreaterThan(secondBefore);
            awaitQuiet(replica); // the last warm-up lines are in, so they cannot reach the streams opened below

            List<String[]> first = new CopyOnWriteArrayList<>();
            List<String[]> second = new CopyOnWriteArrayList<>();
            Thread a = watch(suite.url("stream-gateway", "/internal/dev/plugins/stream?types=dev.session.log"), admin, first);
            Thread b = watch(suite.url(replica, "/internal/dev/plugins/stream?types=dev.session.log"), admin, second);
            Thread.sleep(500); // both streams live before the measured events
            List<CloudEvent> published = lines(tenant, sessions, 300, "measured");
            double firstAppended = appended("stream-gateway");
            double secondAppended = appended(replica);
            kafka.publishAll(published);

            java.util.Set<String> measured = new java.util.HashSet<>(published.stream().map(CloudEvent::id).toList());
            awaitSize(first, measured, published.size());
            awaitSize(second, measured, published.size());
            a.interrupt();
            b.interrupt();
            assertThat(appended("stream-gateway") - firstAppended).as("measured events the first replica ingested").isPositive();
            assertThat(appended(replica) - secondAppended).as("measured events the second replica ingested").isPositive();
            List<String> onFirst = first.stream().filter(f -> measured.contains(f[1])).map(f -> f[0] + " " + f[1]).toList();
            List<String> onSecond = second.stream().filter(f -> measured.contains(f[1])).map(f -> f[0] + " " + f[1]).toList();
            assertThat(onFirst.stream().map(f -> f.substring(f.indexOf(' ') + 1)).toList()).as("every event once on the first replica")
                    .containsExactlyInAnyOrderElementsOf(measured);
            assertThat(onSecond).as("same ids, same order on both replicas").isEqualTo(onFirst);
        } finally {
            suite.stopReplica(replica);
        }
    }

    private static List<CloudEvent> lines(String tenant, List<String> sessions, int count, String label) {
        List<CloudEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String session = sessions.get(i % sessions.size());
            events.add(CloudEvent.create(EventSources.SANDBOX_ORCHESTRATOR, EventTypes.SESSION_LOG, session, tenant, PLUGIN,
                    session, new SessionLog(Instant.now(), "info", "stdout", label + " line " + i, 1L, null)));
        }
        return events;
    }

    private static double appended(String gateway) throws Exception {
        String metrics = HTTP.send(HttpRequest.newBuilder(suite.url(gateway, "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("(?m)^dev_hotload_stream_events_appended_total(\\{[^}]*\\})? (\\S+)(?: #.*)?$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(2)) : 0;
    }

    /** Collects {@code [sse id, event id]} of every event frame, in arrival order. */
    private static Thread watch(URI uri, String token, List<String[]> frames) throws Exception {
        HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        Pattern eventId = Pattern.compile("^data: \\{\"id\":\"([^\"]+)\"");
        return Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String sseId = null;
                String line;
                while (!Thread.currentThread().isInterrupted() && (line = lines.readLine()) != null) {
                    if (line.startsWith("id: ")) {
                        sseId = line.substring(4);
                    } else if (line.startsWith("data: ")) {
                        Matcher m = eventId.matcher(line);
                        frames.add(new String[] {sseId, m.find() ? m.group(1) : "?"});
                    }
                }
            } catch (Exception e) {
                // the test ended and interrupted the reader
            }
        });
    }

    private static void awaitSize(List<String[]> frames, java.util.Set<String> ids, int size) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (frames.stream().filter(f -> ids.contains(f[1])).count() < size && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        Thread.sleep(300); // a duplicate, if any, would arrive right behind
        assertThat(frames.stream().filter(f -> ids.contains(f[1])).count()).as("frames received").isEqualTo(size);
    }

    /** Waits until neither replica has appended anything for a second. */
    private static void awaitQuiet(String replica) throws Exception {
        double last = -1;
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            double now = appended("stream-gateway") + appended(replica);
            if (now == last) {
                return;
            }
            last = now;
            Thread.sleep(1000);
        }
    }
}
