package com.powerx.devhotload.telemetry;

import com.powerx.devhotload.devstack.LocalTokens;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import static io.restassured.RestAssured.given;

/** Waiting for what telemetry-ingest learns from Kafka, through its own API. */
public final class Eventually {

    private Eventually() {
    }

    public static void until(BooleanSupplier condition, Duration within, String what) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Requests as a member of {@code tenant} ("local": the loopback developer, no credentials). */
    public static RequestSpecification as(String tenant) {
        if ("local".equals(tenant)) {
            return given();
        }
        return given().header("Authorization", "Bearer " + LocalTokens.forTests().mint(tenant, "dev-1", List.of()));
    }

    /** Waits until the service learned the session from {@code dev.session.registered}. */
    public static void sessionKnown(String tenant, String sessionId) {
        until(() -> as(tenant).get("/api/telemetry/summary?window=15m&sessionId=" + sessionId)
                .jsonPath().getInt("data.sessionsActive") == 1, Duration.ofSeconds(30), "session " + sessionId);
    }

    /** Waits until the summary of a session shows {@code failed} failed reloads (the events were applied). */
    public static void failedReloads(String tenant, String sessionId, int failed) {
        until(() -> as(tenant).get("/api/telemetry/summary?window=15m&sessionId=" + sessionId)
                .jsonPath().getInt("data.reloads.failed") == failed, Duration.ofSeconds(30), failed + " failed reloads");
    }
}
