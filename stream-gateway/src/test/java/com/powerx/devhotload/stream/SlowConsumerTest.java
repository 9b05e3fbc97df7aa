package com.powerx.devhotload.stream;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.devstack.DevStackResource;
import com.powerx.devhotload.stream.support.GatewayTest;
import com.powerx.devhotload.stream.support.Poll;
import com.powerx.devhotload.stream.support.RawSseSocket;
import com.powerx.devhotload.stream.support.SseClient;
import com.powerx.devhotload.stream.support.SseFrame;
import com.powerx.devhotload.stream.support.TestEvents;
import com.powerx.devhotload.stream.support.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reader that stops reading gets, once its buffer (1,000 events) is full, a gap frame and the end of the stream:
 * its memory is bounded and nothing is dropped silently; it recovers by reconnecting with its Last-Event-ID.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "redis", value = "true"))
class SlowConsumerTest extends GatewayTest {

    private static final String PLUGIN = "com.acme.chatty";
    private static final String FILLER = "x".repeat(8 * 1024);

    @Test
    void aStalledReaderGetsAGapFrameIsDisconnectedAndResumesByLastEventId() throws Exception {
        String tenant = TestEvents.newTenant("slow");
        String session = TestEvents.newSessionId();
        double gapsBefore = metric("dev_hotload_stream_gaps_total{reason=\"slow-consumer\"}");
        String admin = Tokens.admin(tenant);
        registerSessions(tenant, PLUGIN, session);
        try (RawSseSocket stalled = RawSseSocket.open(base, STREAM + "?sessionId=" + session,
                Map.of("Authorization", "Bearer " + admin))) {
            assertThat(stalled.statusLine()).contains(" 200 ");
            int published = 0;
            // Publish until the gateway gives up on the reader (bounded: 8 KiB lines, at most ~48 MiB).
            while (metric("dev_hotload_stream_gaps_total{reason=\"slow-consumer\"}") <= gapsBefore && published < 6000) {
                List<CloudEvent> batch = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    batch.add(TestEvents.log(tenant, session, PLUGIN, (published + i) + " " + FILLER));
                }
                TestEvents.publishAll(batch);
                published += batch.size();
                Thread.sleep(300);
            }
            assertThat(Poll.until(WAIT, () -> metric("dev_hotload_stream_gaps_total{reason=\"slow-consumer\"}") > gapsBefore)).isTrue();

            List<SseFrame> frames = stalled.readToEnd();
            List<SseFrame> events = frames.stream().filter(f -> f.isEvent() && f.id() != null).toList();
            SseFrame last = frames.getLast();
            assertThat(last.event()).isEqualTo("gap");
            assertThat(last.json().get("reason").asText()).isEqualTo("slow-consumer");
            assertThat(last.json().get("bufferSize").asInt()).isEqualTo(1000);
            String lastEventId = last.json().get("lastEventId").asText();
            assertThat(lastEventId).isEqualTo(events.getLast().id());
            for (int i = 0; i < events.size(); i++) {
                assertThat(sequenceOf(events.get(i))).isEqualTo(i); // what it did get has no hole
            }

            try (SseClient resumed = stream("sessionId=" + session, headers("Authorization", "Bearer " + admin,
                    "Last-Event-ID", lastEventId))) {
                assertThat(sequenceOf(resumed.nextEvent(WAIT))).isEqualTo(events.size());
            }
        }
    }

    private static int sequenceOf(SseFrame frame) {
        String message = frame.json().get("payload").get("message").asText();
        return Integer.parseInt(message.substring(0, message.indexOf(' ')));
    }
}
