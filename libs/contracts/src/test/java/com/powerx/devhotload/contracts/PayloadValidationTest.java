package com.powerx.devhotload.contracts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.powerx.devhotload.contracts.payload.FileRef;
import com.powerx.devhotload.contracts.payload.ReloadFailure;
import com.powerx.devhotload.contracts.payload.ReloadRecorded;
import com.powerx.devhotload.contracts.payload.SessionExpired;
import com.powerx.devhotload.contracts.payload.SessionLog;
import com.powerx.devhotload.contracts.payload.SessionRegistered;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PayloadValidationTest {

    /** Every (type, required top-level field) pair of the contract. */
    static Stream<Arguments> requiredFields() {
        return SamplePayloads.all().entrySet().stream().flatMap(sample -> Arrays
                .stream(sample.getValue().getClass().getRecordComponents())
                .filter(component -> component.isAnnotationPresent(Required.class))
                .map(RecordComponent::getName)
                .map(field -> Arguments.of(sample.getKey(), field)));
    }

    private static CloudEvent sampleEventWithData(String type, Consumer<ObjectNode> edit) {
        CloudEvent event = SamplePayloads.event(type, SamplePayloads.all().get(type));
        ObjectNode data = event.data().deepCopy();
        edit.accept(data);
        return EventCodec.decode(EventCodec.encode(new CloudEvent(event.specversion(), event.id(), event.source(),
                event.type(), event.subject(), event.time(), event.datacontenttype(), event.tenantid(),
                event.pluginid(), event.sessionid(), event.traceparent(), data)));
    }

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("requiredFields")
    void missingRequiredFieldIsRejectedNamingTypeAndField(String type, String field) {
        CloudEvent event = sampleEventWithData(type, data -> data.remove(field));

        assertThatThrownBy(() -> EventCodec.payload(event))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage(type + ": missing required field '" + field + "'");
    }

    @ParameterizedTest(name = "{0} with null {1}")
    @MethodSource("requiredFields")
    void nullRequiredFieldIsRejected(String type, String field) {
        CloudEvent event = sampleEventWithData(type, data -> data.putNull(field));

        assertThatThrownBy(() -> EventCodec.payload(event, PayloadTypes.of(type)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage(type + ": missing required field '" + field + "'");
    }

    @Test
    void missingRequiredFieldOfANestedRecordIsNamedWithItsPath() {
        CloudEvent noSha = sampleEventWithData(EventTypes.SESSION_REGISTERED,
                data -> ((ObjectNode) data.get("files").get(1)).remove("sha256"));
        CloudEvent noMessage = sampleEventWithData(EventTypes.ROLLED_BACK,
                data -> ((ObjectNode) data.get("error")).remove("message"));
        CloudEvent noLevel = sampleEventWithData(EventTypes.RELOAD_RECORDED,
                data -> ((ObjectNode) data.get("diagnostics").get(0)).remove("level"));

        assertThatThrownBy(() -> EventCodec.payload(noSha))
                .hasMessage("dev.session.registered: missing required field 'files[1].sha256'");
        assertThatThrownBy(() -> EventCodec.payload(noMessage, ReloadFailure.class))
                .hasMessage("dev.session.rolled-back: missing required field 'error.message'");
        assertThatThrownBy(() -> EventCodec.payload(noLevel, ReloadRecorded.class))
                .hasMessage("dev.session.reload.recorded: missing required field 'diagnostics[0].level'");
    }

    @Test
    void valueOutsideAClosedSetIsRejected() {
        CloudEvent event = sampleEventWithData(EventTypes.SESSION_REGISTERED, data -> data.put("runtime", "java"));

        assertThatThrownBy(() -> EventCodec.payload(event, SessionRegistered.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("'runtime'")
                .hasMessageContaining("[node, python, external]");
    }

    @Test
    void fieldOfTheWrongJsonTypeIsRejectedAsMalformed() {
        CloudEvent event = sampleEventWithData(EventTypes.RELOAD_REQUESTED, data -> data.put("sequence", "seven"));

        assertThatThrownBy(() -> EventCodec.payload(event))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("dev.session.reload.requested: malformed payload");
    }

    @Test
    void eventWithoutDataIsRejected() {
        CloudEvent event = EventCodec.decode(
                "{\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"/x\",\"type\":\"dev.session.expired\"}");

        assertThatThrownBy(() -> EventCodec.payload(event, SessionExpired.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("dev.session.expired: missing data");
    }

    @Test
    void unknownTypeHasNoRegisteredPayload() {
        CloudEvent event = EventCodec.decode("""
                {"specversion":"1.0","id":"e1","source":"/x","type":"x.y"}""");

        assertThatThrownBy(() -> EventCodec.payload(event)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("'x.y'");
    }

    @Test
    void createRejectsAPayloadMissingARequiredField() {
        SessionRegistered noTokenHash = new SessionRegistered(SamplePayloads.SESSION_ID, "acme", "dev", "p.x", null,
                "node", null, List.of(new FileRef("a.mjs", "a".repeat(64), null)), null, null, null,
                Instant.now(), null, null);

        assertThatThrownBy(() -> CloudEvent.create(EventSources.SESSION_SERVICE, EventTypes.SESSION_REGISTERED,
                SamplePayloads.SESSION_ID, "acme", "p.x", SamplePayloads.SESSION_ID, noTokenHash))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("dev.session.registered: missing required field 'reloadTokenSha256'");
        assertThatThrownBy(() -> noTokenHash.validate(EventTypes.SESSION_REGISTERED))
                .hasMessage("dev.session.registered: missing required field 'reloadTokenSha256'");
    }

    @Test
    void createRejectsAPayloadRecordOfAnotherType() {
        SessionLog log = (SessionLog) SamplePayloads.all().get(EventTypes.SESSION_LOG);

        assertThatThrownBy(() -> CloudEvent.create(EventSources.SANDBOX_ORCHESTRATOR, EventTypes.SESSION_EXPIRED,
                null, null, null, null, log))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SessionLog")
                .hasMessageContaining("SessionExpired");
    }

    @Test
    void createRejectsAnUnknownTypeAndAMissingSource() {
        SessionLog log = (SessionLog) SamplePayloads.all().get(EventTypes.SESSION_LOG);

        assertThatThrownBy(() -> CloudEvent.create("/x", "dev.session.unknown", null, null, null, null, log))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dev.session.unknown");
        assertThatThrownBy(() -> CloudEvent.create(" ", EventTypes.SESSION_LOG, null, null, null, null, log))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("source");
    }

    @Test
    void createAcceptsAnEquivalentMapPayloadAndValidatesIt() {
        CloudEvent event = CloudEvent.create("/x", EventTypes.SESSION_EXPIRED, null, null, null, null,
                Map.of("sessionId", "s1", "expiresAt", "2026-11-22T23:26:46Z"));

        assertThat(EventCodec.payload(event, SessionExpired.class))
                .isEqualTo(new SessionExpired("s1", null, Instant.parse("2026-11-22T23:26:46Z")));
        assertThatThrownBy(() -> CloudEvent.create("/x", EventTypes.SESSION_EXPIRED, null, null, null, null,
                Map.of("sessionId", "s1")))
                .hasMessage("dev.session.expired: missing required field 'expiresAt'");
    }
}
