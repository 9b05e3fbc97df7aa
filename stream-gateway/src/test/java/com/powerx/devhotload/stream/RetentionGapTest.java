package com.powerx.devhotload.stream;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.devstack.DevStackResource;
import com.powerx.devhotload.stream.support.GatewayTest;
import com.powerx.devhotload.stream.support.SseClient;
import com.powerx.devhotload.stream.support.SseFrame;
import com.powerx.devhotload.stream.support.TestEvents;
import com.powerx.devhotload.stream.support.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static com.powerx.devhotload.stream.SmallRetentionOidcProfile.RETENTION;
import static org.assertj.core.api.Assertions.assertThat;

/** A Last-Event-ID older than what is retained gets {@code event: gap} first, then everything still there. */
@QuarkusTest
@TestProfile(SmallRetentionOidcProfile.class)
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "redis", value = "true"))
class RetentionGapTest extends GatewayTest {

    private static final String PLUGIN = "com.acme.history";

    @Test
    void aCursorPastTheRetentionGetsAGapFrameThenTheOldestRetainedEvents() {
        String tenant = TestEvents.newTenant("gap");
        String session = TestEvents.newSessionId();
        List<CloudEvent> published = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            published.add(TestEvents.log(tenant, session, PLUGIN, "line " + i));
        }
        List<SseFrame> live = new ArrayList<>();
        try (SseClient sse = adminStream(tenant, "")) {
            // In steps smaller than the retention, so that the live reader sees every one (see the burst test).
            for (int i = 0; i < published.size(); i += 10) {
                TestEvents.publishAll(published.subList(i, i + 10));
                live.addAll(read(sse, 10));
            }
        }
        double gapsBefore = metric("dev_hotload_stream_gaps_total{reason=\"retention\"}");
        int oldestKept = published.size() - RETENTION;
        String requested = live.get(4).id();
        try (SseClient resumed = stream("", headers("Authorization", "Bearer " + Tokens.admin(tenant), "Last-Event-ID", requested))) {
            assertThat(resumed.next(WAIT).retry()).isEqualTo("3000");
            SseFrame gap = resumed.next(WAIT);
            assertThat(gap.event()).isEqualTo("gap");
            assertThat(gap.id()).isNull();
            assertThat(gap.json().get("requestedId").asText()).isEqualTo(requested);
            assertThat(gap.json().get("oldestAvailableId").asText()).isEqualTo(live.get(oldestKept).id());
            List<SseFrame> rest = read(resumed, RETENTION);
            assertThat(eventIds(rest)).containsExactlyElementsOf(ids(published.subList(oldestKept, published.size())));
            assertThat(drain(resumed, Duration.ofMillis(300))).isEmpty();
        }
        assertThat(metric("dev_hotload_stream_gaps_total{reason=\"retention\"}")).isEqualTo(gapsBefore + 1);

        // A cursor still inside the retention resumes with no gap.
        String recent = live.get(44).id();
        try (SseClient resumed = stream("", headers("Authorization", "Bearer " + Tokens.admin(tenant), "Last-Event-ID", recent))) {
            List<SseFrame> rest = read(resumed, 5);
            assertThat(rest).noneMatch(f -> "gap".equals(f.event()));
            assertThat(eventIds(rest)).containsExactlyElementsOf(ids(published.subList(45, 50)));
        }
    }

    @Test
    void aCursorOlderThanTheRetentionAgeIsAGapEvenOnAFreshStream() {
        String tenant = TestEvents.newTenant("ancient");
        try (SseClient resumed = stream("", headers("Authorization", "Bearer " + Tokens.admin(tenant), "Last-Event-ID", "1000-0"))) {
            SseFrame gap = resumed.nextEvent(WAIT);
            assertThat(gap.event()).isEqualTo("gap");
            assertThat(gap.json().get("requestedId").asText()).isEqualTo("1000-0");
            assertThat(gap.json().get("oldestAvailableId").isNull()).isTrue();
            CloudEvent log = TestEvents.log(tenant, TestEvents.newSessionId(), PLUGIN, "new");
            TestEvents.publish(log);
            assertThat(eventIds(read(resumed, 1))).containsExactly(log.id());
        }
    }

    @Test
    void aBurstLargerThanTheRetentionIsNeverLostSilentlyByALiveReader() {
        String tenant = TestEvents.newTenant("burst");
        String session = TestEvents.newSessionId();
        List<CloudEvent> burst = new ArrayList<>();
        for (int i = 0; i < 3 * RETENTION; i++) {
            burst.add(TestEvents.log(tenant, session, PLUGIN, String.valueOf(i)));
        }
        try (SseClient live = adminStream(tenant, "")) {
            TestEvents.publishAll(burst);
            List<SseFrame> frames = new ArrayList<>();
            int last = -1;
            while (last < burst.size() - 1) {
                SseFrame frame = live.nextEvent(WAIT);
                assertThat(frame).as("frames up to the last line").isNotNull();
                frames.add(frame);
                if (!"gap".equals(frame.event())) {
                    last = Integer.parseInt(frame.json().get("payload").get("message").asText());
                }
            }
            // Every line is there, or a gap frame stands where lines are missing.
            int expected = 0;
            boolean toldOfGap = false;
            for (SseFrame frame : frames) {
                if ("gap".equals(frame.event())) {
                    toldOfGap = true;
                    continue;
                }
                int line = Integer.parseInt(frame.json().get("payload").get("message").asText());
                assertThat(line == expected || toldOfGap).as("line %d after %d without a gap frame", line, expected - 1).isTrue();
                expected = line + 1;
                toldOfGap = false;
            }
        }
    }
}
