package com.powerx.devhotload.contracts;

import com.powerx.devhotload.contracts.payload.CliTelemetry;
import com.powerx.devhotload.contracts.payload.TicketEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventTypesTest {

    /** The table of CONTRACT.md §9, written out independently of the code under test. */
    private static final Map<String, String> CONTRACT_TABLE = new LinkedHashMap<>();

    static {
        for (String type : new String[] {"dev.session.registered", "dev.session.reload.requested",
                "dev.session.reload.recorded", "dev.session.updated", "dev.session.terminated",
                "dev.session.expired"}) {
            CONTRACT_TABLE.put(type, "dev.session.lifecycle");
        }
        for (String type : new String[] {"dev.session.sandbox.ready", "dev.session.reloaded",
                "dev.session.reload.failed", "dev.session.rolled-back", "dev.session.sandbox.crashed",
                "dev.session.sandbox.stopped", "dev.session.invoke.failed"}) {
            CONTRACT_TABLE.put(type, "dev.session.sandbox");
        }
        CONTRACT_TABLE.put("dev.session.log", "dev.session.log");
        CONTRACT_TABLE.put("plugin.debug.alert", "plugin.debug.alert");
        CONTRACT_TABLE.put("plugin.debug.alert.resolved", "plugin.debug.alert");
        CONTRACT_TABLE.put("plugin.debug.report.ready", "plugin.debug.report");
        CONTRACT_TABLE.put("plugin.debug.report.failed", "plugin.debug.report");
        CONTRACT_TABLE.put("plugin.debug.regression.passed", "plugin.debug.regression");
        CONTRACT_TABLE.put("plugin.debug.regression.failed", "plugin.debug.regression");
        for (String state : new String[] {"created", "updated", "closed", "reopened"}) {
            CONTRACT_TABLE.put("plugin.debug.ticket." + state, "plugin.debug.ticket");
        }
    }

    @Test
    void fixedTypesAreExactlyThoseOfTheContract() {
        assertThat(EventTypes.FIXED).containsExactlyElementsOf(CONTRACT_TABLE.keySet());
    }

    @Test
    void topicOfMapsEveryTypeToItsContractTopic() {
        CONTRACT_TABLE.forEach((type, topic) -> assertThat(EventTypes.topicOf(type)).as(type).isEqualTo(topic));
    }

    @Test
    void everyTopicCarriesSomeType() {
        Set<String> used = EventTypes.FIXED.stream().map(EventTypes::topicOf).collect(Collectors.toSet());
        used.add(EventTypes.topicOf(EventTypes.CLI_ERROR));

        assertThat(used).containsExactlyInAnyOrderElementsOf(Topics.ALL);
        assertThat(Topics.ALL).containsExactly("dev.session.lifecycle", "dev.session.sandbox", "dev.session.log",
                "dev.hotload.cli", "plugin.debug.alert", "plugin.debug.report", "plugin.debug.regression",
                "plugin.debug.ticket");
    }

    @Test
    void cliMetricTypesFollowTheTelemetryName() {
        assertThat(EventTypes.cliMetric("dev.hotload.cli_build_time_ms")).isEqualTo(EventTypes.CLI_BUILD_TIME_MS);
        assertThat(EventTypes.cliMetric("cli_build_time_ms")).isEqualTo("dev.hotload.cli.cli_build_time_ms");
        assertThat(EventTypes.cliMetric("dev.hotload.cli_reload_duration_ms"))
                .isEqualTo(EventTypes.CLI_RELOAD_DURATION_MS);
        assertThat(EventTypes.cliMetric("dev.hotload.cli_error")).isEqualTo(EventTypes.CLI_ERROR);
        assertThat(EventTypes.cliMetric("dev.hotload.cli_session_lifetime")).isEqualTo(EventTypes.CLI_SESSION_LIFETIME);
        assertThat(EventTypes.cliMetric("dev.hotload.cli_bundle_oversize")).isEqualTo(EventTypes.CLI_BUNDLE_OVERSIZE);
        assertThat(EventTypes.cliMetric("dev.hotload.watch.restarts")).isEqualTo("dev.hotload.cli.watch.restarts");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "dev.hotload.", "a b", "x..y", ".x", "x.", "dev.hotload.cli/../x"})
    void invalidMetricNamesAreRefused(String name) {
        assertThatThrownBy(() -> EventTypes.cliMetric(name)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cliMetricTypesGoToTheCliTopic() {
        for (String type : new String[] {EventTypes.CLI_BUILD_TIME_MS, EventTypes.CLI_RELOAD_DURATION_MS,
                EventTypes.CLI_ERROR, EventTypes.CLI_SESSION_LIFETIME, EventTypes.CLI_BUNDLE_OVERSIZE,
                EventTypes.cliMetric("dev.hotload.custom_counter")}) {
            assertThat(EventTypes.topicOf(type)).as(type).isEqualTo(Topics.HOTLOAD_CLI);
            assertThat(EventTypes.isCliMetric(type)).isTrue();
            assertThat(EventTypes.isKnown(type)).isTrue();
        }
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "dev.session", "dev.session.lifecycle", "dev.hotload.cli", "dev.hotload.cli.",
            "plugin.debug.ticket", "dev.session.registered.v2", "DEV.SESSION.REGISTERED"})
    void unknownTypesAreRefused(String type) {
        assertThatThrownBy(() -> EventTypes.topicOf(type))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown event type");
        assertThat(EventTypes.isKnown(type)).isFalse();
        assertThat(PayloadTypes.find(type)).isEmpty();
        assertThatThrownBy(() -> PayloadTypes.of(type)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyTypeHasAPayloadRecord() {
        assertThat(PayloadTypes.fixed().keySet()).containsExactlyElementsOf(EventTypes.FIXED);
        EventTypes.FIXED.forEach(type -> assertThat(PayloadTypes.of(type)).as(type).isNotNull());
        assertThat(PayloadTypes.of(EventTypes.CLI_ERROR)).isEqualTo(CliTelemetry.class);
        assertThat(PayloadTypes.of(EventTypes.TICKET_REOPENED)).isEqualTo(TicketEvent.class);
    }

    @Test
    void onlyAlertTypesAreAlerts() {
        assertThat(EventTypes.isAlert(EventTypes.ALERT_RAISED)).isTrue();
        assertThat(EventTypes.isAlert(EventTypes.ALERT_RESOLVED)).isTrue();
        assertThat(EventTypes.FIXED.stream().filter(EventTypes::isAlert))
                .containsExactly(EventTypes.ALERT_RAISED, EventTypes.ALERT_RESOLVED);
        assertThat(EventTypes.isAlert(null)).isFalse();
    }
}
