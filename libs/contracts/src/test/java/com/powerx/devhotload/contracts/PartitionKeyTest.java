package com.powerx.devhotload.contracts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionKeyTest {

    private static CloudEvent event(String type, String subject, String pluginId, String sessionId) {
        return new CloudEvent("1.0", "event-1", "/x", type, subject, null, null, "acme", pluginId, sessionId, null,
                null);
    }

    @Test
    void everySampleIsKeyedAsTheContractSays() {
        SamplePayloads.all().forEach((type, payload) -> {
            CloudEvent event = SamplePayloads.event(type, payload);
            String expected = EventTypes.isAlert(type) ? SamplePayloads.PLUGIN_ID : SamplePayloads.SESSION_ID;
            assertThat(event.partitionKey()).as(type).isEqualTo(expected);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {EventTypes.ALERT_RAISED, EventTypes.ALERT_RESOLVED})
    void alertsAreKeyedByPlugin(String type) {
        assertThat(event(type, "alert-1", "com.acme.counter", "s-1").partitionKey()).isEqualTo("com.acme.counter");
    }

    @ParameterizedTest
    @ValueSource(strings = {EventTypes.SESSION_REGISTERED, EventTypes.RELOADED, EventTypes.SESSION_LOG,
            EventTypes.CLI_ERROR, EventTypes.REPORT_READY, EventTypes.TICKET_CLOSED})
    void othersAreKeyedBySession(String type) {
        assertThat(event(type, "subject-1", "com.acme.counter", "s-1").partitionKey()).isEqualTo("s-1");
    }

    @Test
    void fallsBackToSubjectThenId() {
        assertThat(event(EventTypes.ALERT_RAISED, "alert-1", null, "s-1").partitionKey()).isEqualTo("alert-1");
        assertThat(event(EventTypes.REPORT_READY, "report-1", "p", null).partitionKey()).isEqualTo("report-1");
        assertThat(event(EventTypes.REPORT_READY, null, "p", " ").partitionKey()).isEqualTo("event-1");
    }
}
