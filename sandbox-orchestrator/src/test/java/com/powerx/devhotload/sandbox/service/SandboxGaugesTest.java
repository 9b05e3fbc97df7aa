package com.powerx.devhotload.sandbox.service;

import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.Topics;
import com.powerx.devhotload.devstack.DevStackResource;
import com.powerx.devhotload.devstack.EventProbe;
import com.powerx.devhotload.devstack.MetricSamples;
import com.powerx.devhotload.sandbox.rest.Plugins;
import com.powerx.devhotload.sandbox.rest.Sandboxes;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandboxes gauge the orchestrator autoscales on, read from {@code /q/metrics} as Prometheus scrapes it: it counts
 * the node and python sandboxes this instance runs (not external ones, which hold no slot) and falls back when they
 * stop; the capacity gauge is {@code PX_SANDBOX_MAX}.
 */
@QuarkusTest
@TestProfile(SandboxGaugesTest.ThreeSandboxes.class)
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "px_sandbox"))
class SandboxGaugesTest {

    /** A capacity no other test boot uses, and an instance of its own: it starts with no sandbox. */
    public static class ThreeSandboxes implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("px.sandbox.max", "3");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void countsTheSandboxesHoldingASlotAgainstTheCapacity() {
        assertThat(sample("dev_hotload_sandboxes_capacity")).isEqualTo(3.0);
        assertThat(sample("dev_hotload_sandboxes")).isZero();
        String node = UUID.randomUUID().toString();
        String python = UUID.randomUUID().toString();
        String external = UUID.randomUUID().toString();
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.SESSION_SANDBOX)) {
            probe.publish(Plugins.registered("local", node, "node", "index.mjs", "counter-node"));
            Sandboxes.await(probe, EventTypes.SANDBOX_READY, node);
            assertThat(sample("dev_hotload_sandboxes")).isEqualTo(1.0);

            probe.publish(Plugins.registered("local", python, "python", "plugin.py", "counter-python"));
            Sandboxes.await(probe, EventTypes.SANDBOX_READY, python);
            probe.publish(Plugins.registeredExternal("local", external));
            Sandboxes.await(probe, EventTypes.SANDBOX_READY, external);
            assertThat(sample("dev_hotload_sandboxes")).as("node + python; the external one holds no slot").isEqualTo(2.0);

            probe.publish(Plugins.terminated("local", node));
            Sandboxes.await(probe, EventTypes.SANDBOX_STOPPED, node);
            assertThat(awaitSample("dev_hotload_sandboxes", 1.0)).isEqualTo(1.0);

            probe.publish(Plugins.terminated("local", python));
            probe.publish(Plugins.terminated("local", external));
            Sandboxes.await(probe, EventTypes.SANDBOX_STOPPED, python);
            Sandboxes.await(probe, EventTypes.SANDBOX_STOPPED, external);
            assertThat(awaitSample("dev_hotload_sandboxes", 0.0)).isZero();
        }
    }

    /** The sample's value once it equals {@code expected}, or its last value after {@link Sandboxes#WAIT}. */
    private static double awaitSample(String name, double expected) {
        Instant deadline = Instant.now().plus(Sandboxes.WAIT);
        double value = sample(name);
        while (value != expected && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            value = sample(name);
        }
        return value;
    }

    /** One sample of the Prometheus text exposition; fails if the meter is not exported at all. */
    private static double sample(String name) {
        OptionalDouble value = MetricSamples.of(name);
        assertThat(value).as(name + " on /q/metrics").isPresent();
        return value.getAsDouble();
    }
}
