package com.powerx.devhotload.telemetry.rest;

import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** The telemetry API as the CLI calls it. */
public final class TelemetryApi {

    private TelemetryApi() {
    }

    public static Map<String, Object> event(String name, String sessionId, Object value) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", name);
        e.put("timestamp", Instant.now().toString());
        if (sessionId != null) {
            e.put("sessionId", sessionId);
        }
        if (value != null) {
            e.put("value", value);
        }
        return e;
    }

    public static ValidatableResponse post(RequestSpecification spec, List<Map<String, Object>> events) {
        return spec.contentType("application/json").body(Map.of("events", events))
                .when().post("/internal/dev/telemetry").then();
    }

    public static ValidatableResponse post(List<Map<String, Object>> events) {
        return post(given(), events);
    }

    public static ValidatableResponse alerts(String query) {
        return given().when().get("/api/telemetry/alerts?" + query).then().statusCode(200);
    }
}
