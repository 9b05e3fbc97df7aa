package com.powerx.devhotload.sandbox.rest;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventSources;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.Topics;
import com.powerx.devhotload.contracts.payload.SessionRegistered;
import com.powerx.devhotload.devstack.DevStackResource;
import com.powerx.devhotload.devstack.EventProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** {@code external} sessions get no process: ready at once without an endpoint, unreachable endpoints fail. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "px_sandbox"))
class ExternalSandboxTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void externalWithoutEndpointIsReadyAndReportsReloadsAtOnce() {
        String id = UUID.randomUUID().toString();
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.SESSION_SANDBOX)) {
            probe.publish(external(id, null));
            assertThat(Sandboxes.await(probe, EventTypes.SANDBOX_READY, id).data().path("runtime").asText()).isEqualTo("external");
            probe.publish(Plugins.reload("local", id, 1, "counter-node"));
            assertThat(Sandboxes.await(probe, EventTypes.RELOADED, id).data().path("sequence").asLong()).isEqualTo(1);
            Sandboxes.invoke(id, "get", Map.of()).statusCode(409).body("reason_code", equalTo("external_runtime"));
            probe.publish(Plugins.terminated("local", id));
            Sandboxes.await(probe, EventTypes.SANDBOX_STOPPED, id);
        }
    }

    @Test
    void anUnreachableEndpointFailsTheSandboxWithAClearError() {
        String id = UUID.randomUUID().toString();
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.SESSION_SANDBOX)) {
            probe.publish(external(id, "http://127.0.0.1:9/"));
            assertThat(Sandboxes.await(probe, EventTypes.RELOAD_FAILED, id).data().path("error").path("message").asText())
                    .contains("unreachable");
        }
    }

    @Test
    void aReachableEndpointIsProbedAndItsReloadsReported() throws Exception {
        HttpServer endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        endpoint.start();
        String id = UUID.randomUUID().toString();
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.SESSION_SANDBOX)) {
            probe.publish(external(id, "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/"));
            Sandboxes.await(probe, EventTypes.SANDBOX_READY, id);
            probe.publish(Plugins.reload("local", id, 1, "counter-node"));
            assertThat(Sandboxes.await(probe, EventTypes.RELOADED, id).data().path("sequence").asLong()).isEqualTo(1);
            probe.publish(Plugins.terminated("local", id));
            Sandboxes.await(probe, EventTypes.SANDBOX_STOPPED, id);
        } finally {
            endpoint.stop(0);
        }
    }

    private static CloudEvent external(String id, String endpoint) {
        return CloudEvent.create(EventSources.SESSION_SERVICE, EventTypes.SESSION_REGISTERED, id, "local", "com.acme.ext", id,
                new SessionRegistered(id, "local", "dev-local", "com.acme.ext", "1.0.0", "external", null, List.of(), null,
                        endpoint, "0".repeat(64), Instant.now().plusSeconds(900), List.of(), "pending"));
    }
}
