package com.powerx.devhotload.sandbox.rest;

import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.Topics;
import com.powerx.devhotload.devstack.DevStackResource;
import com.powerx.devhotload.devstack.EventProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * With PX_SANDBOX_MAX=1, a second process sandbox fails with a clear error and its invokes answer 503; external
 * sandboxes take no slot; once the first stops, a reload of the refused session starts it.
 */
@QuarkusTest
@TestProfile(CapacityTest.OneSandbox.class)
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "px_sandbox"))
class CapacityTest {

    /** One sandbox per instance. */
    public static class OneSandbox implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("px.sandbox.max", "1");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aProcessSandboxOverTheCapFailsClearlyAnswers503AndStartsOnceThereIsRoom() {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        String external = UUID.randomUUID().toString();
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.SESSION_SANDBOX)) {
            probe.publish(Plugins.registered("local", first, "node", "index.mjs", "counter-node"));
            Sandboxes.await(probe, EventTypes.SANDBOX_READY, first);

            probe.publish(Plugins.registered("local", second, "node", "index.mjs", "counter-node"));
            assertThat(Sandboxes.await(probe, EventTypes.RELOAD_FAILED, second).data().path("error").path("message").asText())
                    .contains("capacity reached").contains("PX_SANDBOX_MAX=1");
            // Not the plugin's fault: invoke says "come back later" (503 + Retry-After), not "not ready" (409).
            Sandboxes.invoke(second, "increment", Map.of())
                    .statusCode(503)
                    .header("Retry-After", "30")
                    .body("error_code", equalTo("DEV_CAPACITY_REACHED"));

            // An external plugin runs on the developer's machine: it takes no process slot.
            probe.publish(Plugins.registeredExternal("local", external));
            Sandboxes.await(probe, EventTypes.SANDBOX_READY, external);

            // Room again: the next reload of the refused session starts it.
            probe.publish(Plugins.terminated("local", first));
            Sandboxes.await(probe, EventTypes.SANDBOX_STOPPED, first);
            probe.publish(Plugins.reload("local", second, 1, "counter-node"));
            Sandboxes.await(probe, EventTypes.RELOADED, second);
            assertThat(Sandboxes.count(second, "increment")).isEqualTo(1);

            probe.publish(Plugins.terminated("local", second));
            probe.publish(Plugins.terminated("local", external));
            Sandboxes.await(probe, EventTypes.SANDBOX_STOPPED, second);
            Sandboxes.await(probe, EventTypes.SANDBOX_STOPPED, external);
        }
    }
}
