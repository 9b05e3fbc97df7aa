package com.powerx.devhotload.sandbox.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.contracts.EventSources;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.Topics;
import com.powerx.devhotload.contracts.payload.InvokeFailed;
import com.powerx.devhotload.devstack.DevStackResource;
import com.powerx.devhotload.devstack.EventProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * A handler that throws (502) or runs past the invoke timeout (504) leaves a masked {@code dev.session.invoke.failed}
 * event on {@code dev.session.sandbox} for diagnostics to reproduce it; a handler that succeeds leaves none.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "px_sandbox"))
class InvokeFailedEventTest {

    private static final String PASSWORD = "hunter2-XYZ";
    private static final String AWS_KEY = "AKIAZ7Q2M4X9R3T5W8YB";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "px.sandbox.invoke-timeout-ms")
    int invokeTimeoutMs;

    @Test
    void aThrowingHandlerIsReportedMaskedWithWhatItWasCalledWith() {
        String id = UUID.randomUUID().toString();
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.SESSION_SANDBOX)) {
            probe.publish(Plugins.registered("local", id, "node", "index.mjs", "broken/node/crash"));
            Sandboxes.await(probe, EventTypes.SANDBOX_READY, id);

            // boom throws Error(`boom: ${payload.reason}`): the secrets are in the payload and in the error message.
            Sandboxes.invoke(id, "boom", Map.of("reason", "password=" + PASSWORD + " key " + AWS_KEY,
                            "password", PASSWORD, "awsKey", AWS_KEY, "by", 2)).statusCode(502)
                    .body("error_code", equalTo("DEV_UPSTREAM_FAILED"))
                    .body("details.error.message", containsString("boom: "))
                    .body("details.error.message", not(containsString(PASSWORD)))
                    .body("details.error.message", not(containsString(AWS_KEY)));

            CloudEvent event = Sandboxes.await(probe, EventTypes.INVOKE_FAILED, id);
            assertThat(event.source()).isEqualTo(EventSources.SANDBOX_ORCHESTRATOR);
            assertThat(event.tenantid()).isEqualTo("local");
            assertThat(event.pluginid()).isEqualTo("com.acme.test");
            assertThat(event.partitionKey()).isEqualTo(id);
            assertThat(EventCodec.encodeToString(event)).doesNotContain(PASSWORD).doesNotContain(AWS_KEY);

            InvokeFailed failed = EventCodec.payload(event, InvokeFailed.class);
            assertThat(failed.handler()).isEqualTo("boom");
            assertThat(failed.timedOut()).isFalse();
            assertThat(failed.sequence()).isZero();
            assertThat(failed.durationMs()).isNotNegative().isLessThan(invokeTimeoutMs);
            assertThat(failed.payloadTruncated()).isNull();
            assertThat(failed.payload().path("by").asInt()).as("what diagnostics replays").isEqualTo(2);
            assertThat(failed.payload().path("password").asText()).isNotBlank().isNotEqualTo(PASSWORD);
            assertThat(failed.payload().path("awsKey").asText()).startsWith("AKIA").isNotEqualTo(AWS_KEY);
            assertThat(failed.error().code()).isEqualTo("HANDLER_ERROR");
            assertThat(failed.error().message()).startsWith("boom: ").doesNotContain(PASSWORD).doesNotContain(AWS_KEY);
            assertThat(failed.error().stack()).contains("boom").doesNotContain(PASSWORD).doesNotContain(AWS_KEY);

            // The event names the version that ran the handler.
            probe.publish(Plugins.reload("local", id, 1, "broken/node/crash"));
            Sandboxes.await(probe, EventTypes.RELOADED, id);
            Sandboxes.invoke(id, "boom", Map.of()).statusCode(502);
            JsonNode afterReload = Sandboxes.await(probe, EventTypes.INVOKE_FAILED, id, 2).data();
            assertThat(afterReload.path("sequence").asLong()).isEqualTo(1);
            assertThat(afterReload.path("payload").isObject()).as("{} when the request had no payload").isTrue();

            // A payload too large for one Kafka record is cut (masked first): the event must still leave the outbox.
            Sandboxes.invoke(id, "boom", Map.of("blob", "password=" + PASSWORD + " " + "x".repeat(200_000))).statusCode(502);
            JsonNode large = Sandboxes.await(probe, EventTypes.INVOKE_FAILED, id, 3).data();
            assertThat(large.path("payloadTruncated").asBoolean()).isTrue();
            assertThat(large.path("payload").asText()).startsWith("{\"blob\":\"password=").doesNotContain(PASSWORD)
                    .hasSizeLessThanOrEqualTo(64 * 1024);

            probe.publish(Plugins.terminated("local", id));
            Sandboxes.await(probe, EventTypes.SANDBOX_STOPPED, id);
        }
    }

    @Test
    void aHandlerPastTheInvokeTimeoutIsReportedAndASucceedingOneIsNot() {
        String id = UUID.randomUUID().toString();
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.SESSION_SANDBOX)) {
            probe.publish(Plugins.registered("local", id, "node", "index.mjs", "broken/node/crash"));
            Sandboxes.await(probe, EventTypes.SANDBOX_READY, id);

            // sleep never settles: the harness gives up after the invoke timeout (3 s in tests).
            Sandboxes.invoke(id, "sleep", Map.of("note", "password=" + PASSWORD)).statusCode(504)
                    .body("error_code", equalTo("DEV_TIMEOUT"));
            CloudEvent event = Sandboxes.await(probe, EventTypes.INVOKE_FAILED, id);
            assertThat(EventCodec.encodeToString(event)).doesNotContain(PASSWORD);
            InvokeFailed failed = EventCodec.payload(event, InvokeFailed.class);
            assertThat(failed.handler()).isEqualTo("sleep");
            assertThat(failed.timedOut()).isTrue();
            assertThat(failed.error().code()).isEqualTo("TIMEOUT");
            assertThat(failed.error().message()).contains("sleep");
            assertThat(failed.durationMs()).isGreaterThanOrEqualTo(invokeTimeoutMs * 9L / 10);
            assertThat(failed.sequence()).isZero();
            assertThat(failed.payload().has("note")).isTrue();

            assertThat(Sandboxes.count(id, "increment")).isEqualTo(1);
            Sandboxes.invoke(id, "get", Map.of("password", PASSWORD)).statusCode(200);
            assertThat(probe.during(EventProbe.of(EventTypes.INVOKE_FAILED, id), Duration.ofSeconds(2)))
                    .as("only the timed-out call is reported").hasSize(1);

            probe.publish(Plugins.terminated("local", id));
            Sandboxes.await(probe, EventTypes.SANDBOX_STOPPED, id);
        }
    }
}
