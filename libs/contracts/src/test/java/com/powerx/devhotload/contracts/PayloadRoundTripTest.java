package com.powerx.devhotload.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadRoundTripTest {

    static Stream<Arguments> samples() {
        return SamplePayloads.all().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @Test
    void samplesCoverEveryTypeOfTheContract() {
        assertThat(SamplePayloads.all().keySet())
                .containsAll(EventTypes.FIXED)
                .anyMatch(EventTypes::isCliMetric);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyFieldOfTheSampleIsSet(String type, EventPayload payload) throws Exception {
        // A round trip only proves something for fields that carry a value.
        for (RecordComponent component : payload.getClass().getRecordComponents()) {
            assertThat(component.getAccessor().invoke(payload)).as(type + "." + component.getName()).isNotNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void eventSurvivesEncodeAndDecode(String type, EventPayload payload) {
        CloudEvent event = SamplePayloads.event(type, payload);

        CloudEvent decoded = EventCodec.decode(EventCodec.encode(event));

        assertThat(decoded).isEqualTo(event);
        assertThat(EventCodec.payload(decoded, PayloadTypes.of(type))).isEqualTo(payload);
        assertThat(EventCodec.payload(decoded)).isEqualTo(payload);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void eventSurvivesTheStringForm(String type, EventPayload payload) {
        CloudEvent event = SamplePayloads.event(type, payload);

        assertThat(EventCodec.decode(EventCodec.encodeToString(event))).isEqualTo(event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void unknownFieldsInEnvelopeAndPayloadAreIgnored(String type, EventPayload payload) throws Exception {
        CloudEvent event = SamplePayloads.event(type, payload);
        ObjectNode tree = (ObjectNode) EventCodec.mapper().readTree(EventCodec.encode(event));
        tree.put("futureattribute", "x");
        ObjectNode data = (ObjectNode) tree.get("data");
        data.put("fieldAddedLater", 42);
        data.putObject("nestedAddedLater").put("a", 1);
        addUnknownFieldToNestedRecords(data, payload.getClass());

        CloudEvent decoded = EventCodec.decode(EventCodec.mapper().writeValueAsBytes(tree));

        assertThat(decoded.type()).isEqualTo(type);
        assertThat(EventCodec.payload(decoded)).isEqualTo(payload);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void payloadValidatesItself(String type, EventPayload payload) {
        payload.validate(type);
    }

    /** Adds a field to every JSON object that stands for a nested record (maps such as attributes keep any key). */
    private static void addUnknownFieldToNestedRecords(ObjectNode node, Class<?> record) {
        for (RecordComponent component : record.getRecordComponents()) {
            JsonNode value = node.get(component.getName());
            for (Class<?> nested : ContractRecords.recordsIn(component.getGenericType())) {
                for (JsonNode element : value.isArray() ? value : List.of(value)) {
                    ((ObjectNode) element).put("extra", true);
                    addUnknownFieldToNestedRecords((ObjectNode) element, nested);
                }
            }
        }
    }
}
