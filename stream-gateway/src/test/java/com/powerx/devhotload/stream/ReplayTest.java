package com.powerx.devhotload.stream;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventSources;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.devstack.DevStackResource;
import com.powerx.devhotload.stream.support.GatewayTest;
import com.powerx.devhotload.stream.support.Soak;
import com.powerx.devhotload.stream.support.SseClient;
import com.powerx.devhotload.stream.support.SseFrame;
import com.powerx.devhotload.stream.support.TestEvents;
import com.powerx.devhotload.stream.support.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Reconnecting by Last-Event-ID replays every matching event after it, then continues live: no gap, no duplicate. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "redis", value = "true"))
class ReplayTest extends GatewayTest {

    private static final String PLUGIN = "com.acme.replay";

    @Inject
    Redis redis;

    @Test
    void reconnectingRepeatedlyWhilePublishingLosesAndRepeatsNothing() throws Exception {
        String tenant = TestEvents.newTenant("replay");
        String session = TestEvents.newSessionId();
        int total = 600;
        registerSessions(tenant, PLUGIN, session);
        try (SseClient reference = adminStream(tenant, q("sessionId", session))) {
            List<CloudEvent> published = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                published.add(TestEvents.log(tenant, session, PLUGIN, "line " + i));
            }
            SseClient client = adminStream(tenant, q("sessionId", session)); // connected before the first event
            AtomicBoolean failed = new AtomicBoolean();
            Thread publisher = Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i < total; i += 5) {
                        TestEvents.publishAll(published.subList(i, i + 5));
                        Thread.sleep(4);
                    }
                } catch (Exception e) {
                    failed.set(true);
                }
            });

            List<SseFrame> received = new ArrayList<>();
            int reconnects = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (received.size() < total && System.nanoTime() < deadline) {
                int want = Math.min(total - received.size(), ThreadLocalRandom.current().nextInt(20, 90));
                received.addAll(client.events(want, WAIT));
                client.close();
                if (received.size() >= total) {
                    break;
                }
                // Resume the way an EventSource does, alternating with the query parameter of a first connection.
                String last = received.getLast().id();
                reconnects++;
                client = reconnects % 2 == 0
                        ? stream(q("sessionId", session), headers("Authorization", "Bearer " + Tokens.admin(tenant), "Last-Event-ID", last))
                        : stream(q("sessionId", session) + "&" + q("last_event_id", last), SseClient.bearer(Tokens.admin(tenant)));
                assertThat(client.status()).isEqualTo(200);
            }
            client.close();
            publisher.join();
            assertThat(failed).isFalse();

            List<SseFrame> expected = read(reference, total);
            assertThat(reconnects).isGreaterThan(4);
            assertThat(received.stream().map(SseFrame::id).toList())
                    .as("ids across %d reconnects", reconnects)
                    .containsExactlyElementsOf(expected.stream().map(SseFrame::id).toList());
            assertThat(eventIds(received)).containsExactlyElementsOf(ids(published));
        }
    }

    /** The same, {@code -Dstream.soak=<rounds>} times in a row ({@code bench/stream/soak}); skipped otherwise. */
    @TestFactory
    @EnabledIfSystemProperty(named = Soak.ROUNDS, matches = "[1-9][0-9]*")
    Stream<DynamicTest> reconnectingWhilePublishingSoak() {
        return Soak.rounds("reconnecting while publishing", this::reconnectingRepeatedlyWhilePublishingLosesAndRepeatsNothing);
    }

    @Test
    void theLastEventIdHeaderWinsOverTheQueryParameter() {
        String tenant = TestEvents.newTenant("header-wins");
        String session = TestEvents.newSessionId();
        registerSessions(tenant, PLUGIN, session);
        List<CloudEvent> published = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            published.add(TestEvents.log(tenant, session, PLUGIN, "line " + i));
        }
        List<SseFrame> frames;
        try (SseClient live = adminStream(tenant, q("sessionId", session))) {
            TestEvents.publishAll(published);
            frames = read(live, 6);
        }
        String query = q("sessionId", session) + "&" + q("last_event_id", frames.get(1).id());
        try (SseClient resumed = stream(query, headers("Authorization", "Bearer " + Tokens.admin(tenant),
                "Last-Event-ID", frames.get(3).id()))) {
            assertThat(eventIds(read(resumed, 2))).containsExactlyElementsOf(ids(published.subList(4, 6)));
            assertThat(drain(resumed, Duration.ofMillis(300))).isEmpty();
        }
    }

    @Test
    void replayFromZeroGoesThroughTheFilterThenContinuesLive() {
        String tenant = TestEvents.newTenant("zero");
        String s1 = TestEvents.newSessionId();
        String s2 = TestEvents.newSessionId();
        registerSessions(tenant, PLUGIN, s1, s2);
        List<CloudEvent> first = List.of(TestEvents.log(tenant, s1, PLUGIN, "a"), TestEvents.log(tenant, s2, PLUGIN, "b"),
                TestEvents.reloaded(tenant, s1, PLUGIN, 1), TestEvents.log(tenant, s1, PLUGIN, "c"));
        try (SseClient all = adminStream(tenant, "")) {
            TestEvents.publishAll(first);
            read(all, first.size());
        }
        try (SseClient replay = adminStream(tenant, q("sessionId", s1) + "&" + q("types", "dev.session.log") + "&" + q("last_event_id", "0"))) {
            assertThat(eventIds(read(replay, 2))).containsExactlyInAnyOrder(first.get(0).id(), first.get(3).id());
            CloudEvent later = TestEvents.log(tenant, s1, PLUGIN, "d");
            TestEvents.publish(TestEvents.log(tenant, s2, PLUGIN, "e"), later);
            assertThat(eventIds(read(replay, 1))).containsExactly(later.id());
        }
    }

    @Test
    void aRedeliveredEventIsAppendedOnce() {
        String tenant = TestEvents.newTenant("dedup");
        String session = TestEvents.newSessionId();
        CloudEvent once = TestEvents.log(tenant, session, PLUGIN, "once");
        CloudEvent after = TestEvents.log(tenant, session, PLUGIN, "after");
        double duplicatesBefore = metric("dev_hotload_stream_events_duplicate_total");
        try (SseClient live = adminStream(tenant, "")) {
            // As an outbox relay that died before deleting its rows would: the same event, three times.
            TestEvents.publish(once, once, once, after);
            List<SseFrame> frames = new ArrayList<>(read(live, 2));
            frames.addAll(drain(live, Duration.ofMillis(500)));
            assertThat(eventIds(frames)).containsExactly(once.id(), after.id());
        }
        try (SseClient replay = adminStream(tenant, q("last_event_id", "0"))) {
            List<SseFrame> frames = new ArrayList<>(read(replay, 2));
            frames.addAll(drain(replay, Duration.ofMillis(300)));
            assertThat(eventIds(frames)).containsExactly(once.id(), after.id());
        }
        assertThat(metric("dev_hotload_stream_events_duplicate_total")).isGreaterThanOrEqualTo(duplicatesBefore + 2);
    }

    @Test
    void eventsOlderThanTheRetentionAgeAreNotAppended() {
        String tenant = TestEvents.newTenant("old");
        String session = TestEvents.newSessionId();
        CloudEvent fresh = TestEvents.log(tenant, session, PLUGIN, "fresh");
        CloudEvent old = new CloudEvent(fresh.specversion(), java.util.UUID.randomUUID().toString(), EventSources.SANDBOX_ORCHESTRATOR,
                EventTypes.SESSION_LOG, session, CloudEvent.formatTime(Instant.now().minus(Duration.ofHours(25))),
                fresh.datacontenttype(), tenant, PLUGIN, session, null, fresh.data());
        try (SseClient live = adminStream(tenant, "")) {
            TestEvents.publish(old, fresh);
            List<SseFrame> frames = new ArrayList<>(read(live, 1));
            frames.addAll(drain(live, Duration.ofMillis(500)));
            assertThat(eventIds(frames)).containsExactly(fresh.id());
        }
    }

    @Test
    void entriesOlderThanTheRetentionAgeAreTrimmedAndAReaderBehindThemGetsAGap() throws Exception {
        String tenant = TestEvents.newTenant("aged");
        // Entries from two days ago, as a stream that was busy then would hold (written directly: nobody can
        // publish into the past), then one fresh event, whose append trims them.
        String stream = "px:stream:{" + tenant + "}";
        long twoDaysAgo = System.currentTimeMillis() - Duration.ofDays(2).toMillis();
        for (int i = 1; i <= 3; i++) {
            redis.send(Request.cmd(Command.XADD).arg(stream).arg(twoDaysAgo + "-" + i).arg("t").arg("dev.session.log")
                    .arg("d").arg("{}")).toCompletionStage().toCompletableFuture().get();
        }
        CloudEvent fresh = TestEvents.log(tenant, TestEvents.newSessionId(), PLUGIN, "fresh");
        try (SseClient live = adminStream(tenant, "")) {
            TestEvents.publish(fresh);
            read(live, 1);
        }
        try (SseClient behind = stream("", headers("Authorization", "Bearer " + Tokens.admin(tenant),
                "Last-Event-ID", twoDaysAgo + "-1"))) {
            SseFrame gap = behind.nextEvent(WAIT);
            assertThat(gap.event()).isEqualTo("gap");
            assertThat(gap.json().get("requestedId").asText()).isEqualTo(twoDaysAgo + "-1");
            List<SseFrame> rest = read(behind, 1);
            assertThat(gap.json().get("oldestAvailableId").asText()).isEqualTo(rest.getFirst().id());
            assertThat(eventIds(rest)).containsExactly(fresh.id());
        }
    }
}
