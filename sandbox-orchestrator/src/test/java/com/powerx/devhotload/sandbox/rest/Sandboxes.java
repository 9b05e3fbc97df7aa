package com.powerx.devhotload.sandbox.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.devstack.EventProbe;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** What the tests do to a sandbox: await its events, call its handlers. Generous limits: the machine is shared. */
public final class Sandboxes {

    public static final Duration WAIT = Duration.ofSeconds(90);

    private Sandboxes() {
    }

    /** The {@code n}-th event (1-based) of {@code type} for the session. */
    public static CloudEvent await(EventProbe probe, String type, String sessionId, int n) {
        List<CloudEvent> events = probe.await(EventProbe.of(type, sessionId), n, WAIT);
        assertThat(events).as("%s #%d of %s", type, n, sessionId).hasSizeGreaterThanOrEqualTo(n);
        return events.get(n - 1);
    }

    public static CloudEvent await(EventProbe probe, String type, String sessionId) {
        return await(probe, type, sessionId, 1);
    }

    public static ValidatableResponse invoke(String sessionId, String handler, Map<String, Object> payload) {
        return given().contentType(ContentType.JSON).body(Map.of("handler", handler, "payload", payload))
                .when().post("/internal/dev/sandboxes/{id}/invoke", sessionId).then();
    }

    public static int count(String sessionId, String handler) {
        return invoke(sessionId, handler, Map.of()).statusCode(200).extract().path("data.result.count");
    }

    public static JsonNode data(CloudEvent event) {
        return event.data();
    }

    /** Polls {@code GET /internal/dev/sandboxes/{id}} until its {@code data} matches (at most {@link #WAIT}). */
    public static JsonNode awaitView(String sessionId, Predicate<JsonNode> match) {
        Instant deadline = Instant.now().plus(WAIT);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            String body = given().when().get("/internal/dev/sandboxes/{id}", sessionId).then().statusCode(200).extract().asString();
            try {
                last = EventCodec.mapper().readTree(body).path("data");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (match.test(last)) {
                return last;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        throw new AssertionError("sandbox " + sessionId + " never matched; last view " + last);
    }
}
