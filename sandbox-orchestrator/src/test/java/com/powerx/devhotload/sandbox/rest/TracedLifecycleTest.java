package com.powerx.devhotload.sandbox.rest;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventSources;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.Topics;
import com.powerx.devhotload.contracts.payload.SessionRegistered;
import com.powerx.devhotload.devstack.DevStackResource;
import com.powerx.devhotload.devstack.EventProbe;
import com.powerx.devhotload.platform.tracing.Traceparent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox events a lifecycle event causes continue its trace (docs/tracing.md), although the step runs later on the
 * session's worker: registered → sandbox.ready, reload.requested → reloaded.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "px_sandbox"))
class TracedLifecycleTest {

    private static final String REGISTER_TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String RELOAD_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void sandboxEventsCarryTheTraceOfTheLifecycleEventThatCausedThem() {
        String id = UUID.randomUUID().toString();
        String reloadCall = "00-" + RELOAD_TRACE + "-00f067aa0ba902b7-01";
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.SESSION_SANDBOX)) {
            probe.publish(registered(id).withTraceparent("00-" + REGISTER_TRACE + "-b7ad6b7169203331-01"));
            CloudEvent ready = Sandboxes.await(probe, EventTypes.SANDBOX_READY, id);
            assertThat(Traceparent.traceId(ready.traceparent())).isEqualTo(REGISTER_TRACE);

            probe.publish(Plugins.reload("local", id, 1, "counter-node").withTraceparent(reloadCall));
            CloudEvent reloaded = Sandboxes.await(probe, EventTypes.RELOADED, id);
            assertThat(Traceparent.traceId(reloaded.traceparent())).isEqualTo(RELOAD_TRACE);
            assertThat(reloaded.traceparent()).isNotEqualTo(reloadCall); // the orchestrator's span, a child of the call's

            probe.publish(Plugins.terminated("local", id));
            Sandboxes.await(probe, EventTypes.SANDBOX_STOPPED, id);
        }
    }

    private static CloudEvent registered(String id) {
        return CloudEvent.create(EventSources.SESSION_SERVICE, EventTypes.SESSION_REGISTERED, id, "local", "com.acme.ext", id,
                new SessionRegistered(id, "local", "dev-local", "com.acme.ext", "1.0.0", "external", null, List.of(), null,
                        null, "0".repeat(64), Instant.now().plusSeconds(900), List.of(), "pending"));
    }
}
