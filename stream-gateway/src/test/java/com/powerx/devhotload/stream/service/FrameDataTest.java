package com.powerx.devhotload.stream.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.contracts.EventSources;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.payload.Reloaded;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An SSE frame's data keeps the trace of the event it shows, so a client can follow its action's trace to the frame. */
class FrameDataTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aTracedEventsFrameCarriesItsTraceparent() throws Exception {
        JsonNode data = EventCodec.mapper().readTree(EventIngest.frameData(reloaded().withTraceparent(TRACEPARENT), "t1", 0));

        assertThat(data.get("traceparent").asText()).isEqualTo(TRACEPARENT);
        assertThat(data.get("payload").get("sequence").asLong()).isEqualTo(3);
    }

    @Test
    void anUntracedEventsFrameHasOnlyTheContractFields() throws Exception {
        JsonNode data = EventCodec.mapper().readTree(EventIngest.frameData(reloaded(), "t1", 0));

        assertThat(data.has("traceparent")).isFalse();
        assertThat(data.size()).isEqualTo(7);
    }

    private static CloudEvent reloaded() {
        String session = "8d1f3c2e-1c7a-4a55-9a57-3f1f5c0e2b10";
        return CloudEvent.create(EventSources.SANDBOX_ORCHESTRATOR, EventTypes.RELOADED, session, "t1", "com.acme.p", session,
                new Reloaded(3, 12L, null, List.of("index.mjs"), null, null));
    }
}
