package com.powerx.devhotload.sandbox.rest;

import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.Topics;
import com.powerx.devhotload.devstack.DevStackResource;
import com.powerx.devhotload.devstack.EventProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Twenty sandboxes at once (ten node, ten python), each its own process: started together, invoked, hot-reloaded
 * together, each keeping its own count (no state leaks between sessions), then all stopped.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "px_sandbox"))
class ConcurrentSandboxesTest {

    private static final int SANDBOXES = 20;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    record Session(String id, boolean node) {
        String plugin(int version) {
            return (node ? "counter-node" : "counter-python") + (version == 2 ? "-v2" : "");
        }
    }

    @Test
    void twentySandboxesRunReloadAndKeepTheirOwnStateSideBySide() {
        List<Session> sessions = IntStream.range(0, SANDBOXES)
                .mapToObj(i -> new Session(UUID.randomUUID().toString(), i % 2 == 0)).toList();
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.SESSION_SANDBOX)) {
            sessions.forEach(s -> probe.publish(Plugins.registered("local", s.id(), s.node() ? "node" : "python",
                    s.node() ? "index.mjs" : "plugin.py", s.plugin(1))));
            sessions.forEach(s -> Sandboxes.await(probe, EventTypes.SANDBOX_READY, s.id()));

            // Session i counts to i + 1: any mix-up between sandboxes shows as a wrong count.
            // (Sequential calls: the sandboxes run side by side regardless; RestAssured's first use from a parallel
            // stream deadlocks on Groovy's class initialisation in the common pool.)
            for (Session s : sessions) {
                for (int k = 0; k <= sessions.indexOf(s); k++) {
                    Sandboxes.invoke(s.id(), "increment", Map.of()).statusCode(200);
                }
            }

            sessions.forEach(s -> probe.publish(Plugins.reload("local", s.id(), 1, s.plugin(2))));
            sessions.forEach(s -> assertThat(Sandboxes.await(probe, EventTypes.RELOADED, s.id()).data().path("sequence").asLong())
                    .isEqualTo(1));

            for (Session s : sessions) {
                Sandboxes.invoke(s.id(), "get", Map.of()).statusCode(200)
                        .body("data.result.count", equalTo(sessions.indexOf(s) + 1))
                        .body("data.result.version", equalTo(2));
            }
            List<Long> pids = new ArrayList<>();
            for (Session s : sessions) {
                pids.add(given().when().get("/internal/dev/sandboxes/{id}", s.id()).then().statusCode(200)
                        .extract().jsonPath().getLong("data.pid"));
            }
            assertThat(pids).doesNotHaveDuplicates().hasSize(SANDBOXES);

            sessions.forEach(s -> probe.publish(Plugins.terminated("local", s.id())));
            sessions.forEach(s -> Sandboxes.await(probe, EventTypes.SANDBOX_STOPPED, s.id()));
            assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse());
        }
    }
}
