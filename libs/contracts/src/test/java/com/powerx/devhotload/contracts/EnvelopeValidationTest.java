package com.powerx.devhotload.contracts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopeValidationTest {

    private static ObjectNode validEnvelope() throws Exception {
        CloudEvent event = SamplePayloads.event(EventTypes.SESSION_REGISTERED,
                SamplePayloads.all().get(EventTypes.SESSION_REGISTERED));
        return (ObjectNode) EventCodec.mapper().readTree(EventCodec.encode(event));
    }

    private static String json(ObjectNode tree) throws Exception {
        return EventCodec.mapper().writeValueAsString(tree);
    }

    @ParameterizedTest
    @ValueSource(strings = {"specversion", "id", "source", "type"})
    void missingOrNullRequiredAttributeIsRejectedByName(String attribute) throws Exception {
        ObjectNode absent = validEnvelope();
        absent.remove(attribute);
        ObjectNode nulled = validEnvelope();
        nulled.putNull(attribute);

        for (ObjectNode tree : new ObjectNode[] {absent, nulled}) {
            assertThatThrownBy(() -> EventCodec.decode(json(tree)))
                    .isInstanceOf(InvalidEventException.class)
                    .hasMessage("CloudEvent: missing required field '" + attribute + "'");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "source", "type"})
    void blankRequiredAttributeIsRejectedByName(String attribute) throws Exception {
        ObjectNode tree = validEnvelope();
        tree.put(attribute, " ");

        assertThatThrownBy(() -> EventCodec.decode(json(tree)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("'" + attribute + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.3", "1", "2.0"})
    void otherSpecVersionsAreRejected(String version) throws Exception {
        ObjectNode tree = validEnvelope();
        tree.put("specversion", version);

        assertThatThrownBy(() -> EventCodec.decode(json(tree)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("'specversion'")
                .hasMessageContaining(version);
    }

    @Test
    void encodeRefusesAnEventWithoutItsRequiredAttributes() {
        CloudEvent noSource = new CloudEvent("1.0", "1", null, EventTypes.SESSION_LOG, null, null, null, null, null,
                null, null, null);

        assertThatThrownBy(() -> EventCodec.encode(noSource))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("'source'");
    }

    @Test
    void timeMustBeRfc3339() throws Exception {
        ObjectNode tree = validEnvelope();
        tree.put("time", "22/11/2026 23:11");

        assertThatThrownBy(() -> EventCodec.decode(json(tree)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("'time'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "[]", "\"event\"", "null", ""})
    void malformedOrNonObjectJsonIsRejected(String input) {
        assertThatThrownBy(() -> EventCodec.decode(input)).isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> EventCodec.decode(input.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class);
    }

    @Test
    void malformedJsonMessageDoesNotQuoteTheInput() {
        String secretish = "{\"specversion\":\"1.0\",\"id\":\"sk_live_abcdefgh\" oops";

        assertThatThrownBy(() -> EventCodec.decode(secretish))
                .isInstanceOf(InvalidEventException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("sk_live_abcdefgh"));
    }

    @Test
    void unknownAttributesAreIgnored() throws Exception {
        ObjectNode tree = validEnvelope();
        tree.put("dataschema", "urn:x");
        tree.put("someextension", 3);

        CloudEvent decoded = EventCodec.decode(json(tree));

        assertThat(decoded.type()).isEqualTo(EventTypes.SESSION_REGISTERED);
        assertThat(decoded.sessionid()).isEqualTo(SamplePayloads.SESSION_ID);
    }

    @Test
    void onlyTheRequiredAttributesAreNeeded() {
        CloudEvent decoded = EventCodec.decode("""
                {"specversion":"1.0","id":"e1","source":"/x","type":"t"}""");

        assertThat(decoded).isEqualTo(new CloudEvent("1.0", "e1", "/x", "t", null, null, null, null, null, null, null,
                null));
    }
}
