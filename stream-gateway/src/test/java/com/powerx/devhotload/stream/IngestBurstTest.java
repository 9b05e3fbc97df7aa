package com.powerx.devhotload.stream;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.devstack.DevStackResource;
import com.powerx.devhotload.stream.support.GatewayTest;
import com.powerx.devhotload.stream.support.Poll;
import com.powerx.devhotload.stream.support.SseClient;
import com.powerx.devhotload.stream.support.SseFrame;
import com.powerx.devhotload.stream.support.TestEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A burst far larger than a poll, with the tenants' events interleaved (so that the ingest cannot group them into
 * long runs) and redeliveries inside the burst: every event is appended once, in its session's order, and each
 * tenant's entries are numbered without a hole. Before appends were grouped per call, a burst like this filled the
 * Redis client's queue of waiting replies and the ingest went into a retry loop.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "redis", value = "true"))
class IngestBurstTest extends GatewayTest {

    private static final String PLUGIN = "com.acme.burst";
    private static final int TENANTS = 3;
    private static final int PER_TENANT = 3000;

    @Test
    void aLargeInterleavedBurstIsAppendedOnceInOrderWithoutHoles() {
        List<String> tenants = new ArrayList<>();
        Map<String, String> sessions = new HashMap<>();
        for (int t = 0; t < TENANTS; t++) {
            String tenant = TestEvents.newTenant("burst");
            String session = TestEvents.newSessionId();
            registerSessions(tenant, PLUGIN, session);
            tenants.add(tenant);
            sessions.put(tenant, session);
        }
        Map<String, List<CloudEvent>> expected = new HashMap<>();
        List<CloudEvent> burst = new ArrayList<>();
        int redelivered = 0;
        for (int i = 0; i < PER_TENANT; i++) {
            for (String tenant : tenants) {
                CloudEvent line = TestEvents.log(tenant, sessions.get(tenant), PLUGIN, "burst line " + i);
                expected.computeIfAbsent(tenant, k -> new ArrayList<>()).add(line);
                burst.add(line);
                if (i % 100 == 0) {
                    burst.add(line); // a redelivery right behind the original, most likely in the same append call
                    redelivered++;
                }
            }
        }
        double appendedBefore = metric("dev_hotload_stream_events_appended_total");
        double duplicatesBefore = metric("dev_hotload_stream_events_duplicate_total");

        TestEvents.publishAll(burst);

        int total = TENANTS * PER_TENANT;
        Poll.until(Duration.ofSeconds(60), () -> metric("dev_hotload_stream_events_appended_total") - appendedBefore >= total);
        assertThat(metric("dev_hotload_stream_events_appended_total") - appendedBefore).isEqualTo(total);
        assertThat(metric("dev_hotload_stream_events_duplicate_total") - duplicatesBefore).isEqualTo(redelivered);

        for (String tenant : tenants) {
            try (SseClient replay = adminStream(tenant, q("pluginId", PLUGIN) + "&" + q("types", "dev.session.log")
                    + "&last_event_id=0")) {
                List<SseFrame> frames = read(replay, PER_TENANT);
                assertThat(eventIds(frames)).as("tenant %s in order, once each", tenant).isEqualTo(ids(expected.get(tenant)));
                long previous = -1;
                for (SseFrame frame : frames) {
                    long number = Long.parseLong(frame.id().substring(frame.id().indexOf('-') + 1));
                    if (previous >= 0) {
                        assertThat(number).as("entry numbers of tenant %s", tenant).isEqualTo(previous + 1);
                    }
                    previous = number;
                }
                assertThat(drain(replay, Duration.ofMillis(300))).as("nothing after the burst").isEmpty();
            }
        }
    }
}
