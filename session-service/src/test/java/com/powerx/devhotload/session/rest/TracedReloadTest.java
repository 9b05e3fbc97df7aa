package com.powerx.devhotload.session.rest;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.Topics;
import com.powerx.devhotload.devstack.EventProbe;
import com.powerx.devhotload.platform.tracing.Traceparent;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.powerx.devhotload.session.rest.DevApi.as;
import static com.powerx.devhotload.session.rest.DevApi.reload;
import static com.powerx.devhotload.session.rest.DevApi.register;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** A Dev API call's W3C trace reaches the lifecycle event it causes (docs/tracing.md). */
@QuarkusTest
class TracedReloadTest {

    private static final String REGISTER_TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String RELOAD_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void registeredAndReloadRequestedCarryTheTraceOfTheCallsThatCausedThem() {
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.SESSION_LIFECYCLE)) {
            var r = register(as("acme").header("traceparent", "00-" + REGISTER_TRACE + "-b7ad6b7169203331-01"),
                    Map.of("pluginId", DevApi.pluginId(), "version", "1.0.0")).statusCode(201).extract();
            String sessionId = r.path("data.sessionId");
            CloudEvent registered = probe.await(EventProbe.of(EventTypes.SESSION_REGISTERED, sessionId), 1, WAIT).getFirst();
            assertThat(Traceparent.traceId(registered.traceparent())).isEqualTo(REGISTER_TRACE);

            String call = "00-" + RELOAD_TRACE + "-00f067aa0ba902b7-01";
            reload(given().header("traceparent", call), Map.of("sessionId", sessionId, "reloadToken", r.path("data.reloadToken"),
                    "changedFiles", List.of("index.mjs"))).statusCode(202);
            CloudEvent requested = probe.await(EventProbe.of(EventTypes.RELOAD_REQUESTED, sessionId), 1, WAIT).getFirst();
            assertThat(Traceparent.traceId(requested.traceparent())).isEqualTo(RELOAD_TRACE);
            assertThat(requested.traceparent()).isNotEqualTo(call); // session-service's own span, a child of the call's
        }
    }

    @Test
    void aCallWithoutTraceStartsOneOfItsOwn() {
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.SESSION_LIFECYCLE)) {
            String sessionId = register(as("acme"), Map.of("pluginId", DevApi.pluginId(), "version", "1.0.0"))
                    .statusCode(201).extract().path("data.sessionId");
            CloudEvent registered = probe.await(EventProbe.of(EventTypes.SESSION_REGISTERED, sessionId), 1, WAIT).getFirst();
            assertThat(Traceparent.traceId(registered.traceparent())).isNotNull().isNotIn(REGISTER_TRACE, RELOAD_TRACE);
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(20);
}
