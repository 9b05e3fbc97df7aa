package com.powerx.devhotload.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.contracts.payload.SessionExpired;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CloudEventTest {

    private static final SessionExpired PAYLOAD = new SessionExpired(SamplePayloads.SESSION_ID, null,
            Instant.parse("2026-11-22T23:26:46Z"));

    private static CloudEvent expired() {
        return CloudEvent.create(EventSources.SESSION_SERVICE, EventTypes.SESSION_EXPIRED, SamplePayloads.SESSION_ID,
                SamplePayloads.TENANT_ID, SamplePayloads.PLUGIN_ID, SamplePayloads.SESSION_ID, PAYLOAD);
    }

    @Test
    void createFillsTheCloudEventsAttributes() {
        CloudEvent event = expired();

        assertThat(event.specversion()).isEqualTo("1.0");
        assertThat(UUID.fromString(event.id()).toString()).isEqualTo(event.id());
        assertThat(event.source()).isEqualTo("/session-service");
        assertThat(event.type()).isEqualTo("dev.session.expired");
        assertThat(event.subject()).isEqualTo(SamplePayloads.SESSION_ID);
        assertThat(event.datacontenttype()).isEqualTo("application/json");
        assertThat(event.tenantid()).isEqualTo(SamplePayloads.TENANT_ID);
        assertThat(event.pluginid()).isEqualTo(SamplePayloads.PLUGIN_ID);
        assertThat(event.sessionid()).isEqualTo(SamplePayloads.SESSION_ID);
        assertThat(event.traceparent()).isNull();
        assertThat(event.data().get("expiresAt").asText()).isEqualTo("2026-11-22T23:26:46Z");
    }

    @Test
    void timeIsRfc3339UtcWithMillisecondsAndNow() {
        CloudEvent event = expired();

        assertThat(event.time()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        OffsetDateTime parsed = OffsetDateTime.parse(event.time());
        assertThat(parsed.getOffset()).isEqualTo(ZoneOffset.UTC);
        assertThat(parsed.toInstant()).isCloseTo(Instant.now(), within(5, ChronoUnit.SECONDS));
        assertThat(CloudEvent.formatTime(Instant.parse("2026-11-22T23:11:46.123456Z")))
                .isEqualTo("2026-11-22T23:11:46.123Z");
        assertThat(CloudEvent.formatTime(Instant.parse("2026-11-22T23:11:46Z"))).isEqualTo("2026-11-22T23:11:46.000Z");
    }

    @Test
    void everyEventGetsItsOwnId() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(expired().id());
        }
        assertThat(ids).hasSize(1000);
    }

    @Test
    void withTraceparentReturnsACopy() {
        CloudEvent event = expired();
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        CloudEvent traced = event.withTraceparent(traceparent);

        assertThat(traced.traceparent()).isEqualTo(traceparent);
        assertThat(event.traceparent()).isNull();
        assertThat(traced.withTraceparent(null)).isEqualTo(event);
    }

    @Test
    void encodedFormHasOnlyCloudEventsAttributesAndOmitsNulls() throws Exception {
        JsonNode json = EventCodec.mapper().readTree(EventCodec.encode(expired()));

        assertThat(json.fieldNames()).toIterable().containsExactly("specversion", "id", "source", "type", "subject",
                "time", "datacontenttype", "tenantid", "pluginid", "sessionid", "data");
        assertThat(json.get("data").has("idleSince")).isFalse();
    }

    @Test
    void decodeKeepsAnOffsetTimeFromOtherProducers() {
        CloudEvent decoded = EventCodec.decode("""
                {"specversion":"1.0","id":"1","source":"/x","type":"dev.session.log","time":"2026-11-22T23:11:46+01:00"}
                """);

        assertThat(decoded.time()).isEqualTo("2026-11-22T23:11:46+01:00");
    }

    @Test
    void parseTimeReadsOurFormatExactlyAsTheGeneralParserDoes() {
        java.util.Random random = new java.util.Random(42);
        List<Instant> instants = new java.util.ArrayList<>(List.of(Instant.EPOCH, Instant.parse("2024-02-29T23:59:59.999Z"),
                Instant.parse("1999-12-31T00:00:00Z"), Instant.parse("2026-11-22T23:11:46.123Z")));
        for (int i = 0; i < 2000; i++) {
            instants.add(Instant.ofEpochMilli(random.nextLong(0, 4_102_444_800_000L))); // up to 2100
        }
        for (Instant instant : instants) {
            String time = CloudEvent.formatTime(instant);
            assertThat(CloudEvent.parseTime(time)).as(time)
                    .isEqualTo(OffsetDateTime.parse(time).toInstant().toEpochMilli())
                    .isEqualTo(instant.toEpochMilli());
        }
    }

    @Test
    void parseTimeAcceptsOtherRfc3339FormsAndRejectsInvalidTimes() {
        assertThat(CloudEvent.parseTime("2026-11-22T23:11:46+01:00")).isEqualTo(Instant.parse("2026-11-22T22:11:46Z").toEpochMilli());
        assertThat(CloudEvent.parseTime("2026-11-22T23:11:46.123456Z")).isEqualTo(Instant.parse("2026-11-22T23:11:46.123Z").toEpochMilli());
        assertThat(CloudEvent.parseTime("2026-11-22T23:11:46Z")).isEqualTo(Instant.parse("2026-11-22T23:11:46Z").toEpochMilli());
        for (String invalid : List.of("2025-02-29T00:00:00.000Z", "2026-13-01T00:00:00.000Z", "2026-11-22T24:00:00.000Z",
                "2026-11-22T23:60:00.000Z", "2026-11-2xT23:11:46.123Z", "2026-11-22 23:11:46.123Z", "yesterday")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> CloudEvent.parseTime(invalid)).as(invalid)
                    .isInstanceOf(java.time.format.DateTimeParseException.class);
        }
    }
}
