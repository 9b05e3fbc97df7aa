package com.powerx.devhotload.telemetry.service;

import com.powerx.devhotload.devstack.DevStackResource;
import com.powerx.devhotload.telemetry.Eventually;
import com.powerx.devhotload.telemetry.SessionEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

/**
 * First half of the restart check: three failed reloads reach this instance of the service. The second half
 * ({@link RestartPartTwoTest}) runs under another test profile, i.e. after Quarkus stopped this application and
 * started a new one on the same Redis and Kafka.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "redis", value = "true"))
class RestartPartOneTest {

    static final String SESSION_PROPERTY = "telemetry.test.restart-session";

    @Test
    void threeFailuresBeforeTheRestart() {
        String session = UUID.randomUUID().toString();
        SessionEvents.register("local", "plugin-restart", session);
        Eventually.sessionKnown("local", session);
        for (int i = 1; i <= 3; i++) {
            SessionEvents.publish(SessionEvents.rolledBack("local", "plugin-restart", session, i));
        }
        Eventually.failedReloads("local", session, 3);
        System.setProperty(SESSION_PROPERTY, session);
    }
}
