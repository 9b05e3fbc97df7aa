package com.powerx.devhotload.platform;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** The envelopes of CONTRACT.md §1 through real HTTP: shape, request ids, and every error path. */
@QuarkusTest
class EnvelopeTest {

    @Test
    void successEnvelopeEchoesTheRequestIdAndCopiesTopLevelFields() {
        given().header("X-Request-ID", "req-123")
                .when().get("/test/echo")
                .then().statusCode(200)
                .header("X-Request-ID", "req-123")
                .body("code", equalTo(200))
                .body("message", equalTo("success"))
                .body("data.hello", equalTo("world"))
                .body("sessionId", equalTo("s-1"))
                .body("timestamp", greaterThan(1_700_000_000))
                .body("request_id", equalTo("req-123"));
    }

    @Test
    void requestIdIsGeneratedWhenMissingOrUnsafe() {
        String generated = given().when().get("/test/echo")
                .then().statusCode(200)
                .header("X-Request-ID", matchesPattern("[0-9a-f-]{36}"))
                .extract().header("X-Request-ID");
        given().when().get("/test/echo").then().body("request_id", not(equalTo(generated)));
        given().header("X-Request-ID", "bad id\r\nwith <script>")
                .when().get("/test/echo")
                .then().header("X-Request-ID", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void textPostgresCannotStoreIsRefusedBeforeTheResourceRuns() {
        given().contentType(ContentType.JSON).body("{\"name\": \"a\\u0000b\"}")
                .when().post("/test/widgets")
                .then().statusCode(400)
                .body("error_code", equalTo("DEV_BAD_REQUEST"))
                .body("reason_code", equalTo("invalid_characters"));
        given().contentType(ContentType.JSON).body("{\"name\": \"\\ud83d\"}")
                .when().post("/test/widgets")
                .then().statusCode(400)
                .body("reason_code", equalTo("invalid_characters"));
        given().contentType(ContentType.JSON).body("{\"name\": \"\\ud83d\\ude00\"}")
                .when().post("/test/widgets")
                .then().statusCode(201);
    }

    /** The JDK's client, since the server stops reading (and RestAssured's client fails writing) once the limit is passed. */
    @Test
    void aBodyOverTheLimitIsThe413Envelope() throws Exception {
        var http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        var response = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + "/test/widgets"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\": \"" + "x".repeat(11 * 1024 * 1024) + "\"}"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        org.assertj.core.api.Assertions.assertThat(response.statusCode()).isEqualTo(413);
        org.assertj.core.api.Assertions.assertThat(response.body()).contains("\"error_code\":\"DEV_PAYLOAD_TOO_LARGE\"")
                .contains("\"request_id\"");
    }

    @Test
    void unknownPathAnswersTheErrorEnvelope() {
        given().header("X-Request-ID", "req-404")
                .when().get("/no/such/thing")
                .then().statusCode(404)
                .contentType(ContentType.JSON)
                .header("X-Request-ID", "req-404")
                .body("code", equalTo(404))
                .body("error_code", equalTo("DEV_NOT_FOUND"))
                .body("reason_code", equalTo("not_found"))
                .body("message", notNullValue())
                .body("request_id", equalTo("req-404"));
    }

    @Test
    void malformedJsonIsABadRequest() {
        given().contentType(ContentType.JSON).body("{\"name\": ")
                .when().post("/test/widgets")
                .then().statusCode(400)
                .body("error_code", equalTo("DEV_BAD_REQUEST"))
                .body("reason_code", equalTo("malformed_json"));
    }

    @Test
    void wrongTypeNamesTheField() {
        given().contentType(ContentType.JSON).body("{\"name\": \"w\", \"size\": \"huge\"}")
                .when().post("/test/widgets")
                .then().statusCode(400)
                .body("error_code", equalTo("DEV_BAD_REQUEST"))
                .body("details.violations.field", hasItem("size"));
    }

    @Test
    void validationFailuresListEveryViolation() {
        given().contentType(ContentType.JSON).body("{\"name\": \"\", \"size\": 11, \"unknown\": true}")
                .when().post("/test/widgets")
                .then().statusCode(400)
                .body("error_code", equalTo("DEV_BAD_REQUEST"))
                .body("details.violations", hasSize(2))
                .body("details.violations.field", allOf(hasItem("name"), hasItem("size")));
    }

    @Test
    void unknownFieldsAreIgnored() {
        given().contentType(ContentType.JSON).body("{\"name\": \"w\", \"extra\": {\"deep\": 1}}")
                .when().post("/test/widgets")
                .then().statusCode(201)
                .body("code", equalTo(201))
                .body("data.name", equalTo("w"));
    }

    @Test
    void wrongContentTypeIs415() {
        given().contentType(ContentType.TEXT).body("name=w")
                .when().post("/test/widgets")
                .then().statusCode(415)
                .body("error_code", equalTo("DEV_UNSUPPORTED_MEDIA_TYPE"));
    }

    @Test
    void wrongMethodIs405() {
        given().when().delete("/test/widgets")
                .then().statusCode(405)
                .body("error_code", equalTo("DEV_METHOD_NOT_ALLOWED"));
    }

    @Test
    void internalErrorsRevealOnlyTheRequestId() {
        given().header("X-Request-ID", "req-500")
                .when().get("/test/boom")
                .then().statusCode(500)
                .body("error_code", equalTo("DEV_INTERNAL"))
                .body("message", containsString("req-500"))
                .body(not(containsString("hunter2")))
                .body(not(containsString("IllegalStateException")))
                .body(not(containsString("at com.")));
    }

    @Test
    void anUnreachableDatastoreIs503UnavailableWithRetryAfter() throws Exception {
        int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        given().header("X-Request-ID", "req-503")
                .when().get("/test/unreachable-store?port=" + closedPort)
                .then().statusCode(503)
                .header("Retry-After", "5")
                .body("error_code", equalTo("DEV_UNAVAILABLE"))
                .body("reason_code", equalTo("dependency_unavailable"))
                .body("details.retryAfterSeconds", equalTo(5))
                .body("request_id", equalTo("req-503"))
                .body(not(containsString("Exception")));
    }

    @Test
    void domainErrorsCarryDetailsAndRetryAfter() {
        given().when().get("/test/conflict")
                .then().statusCode(409)
                .body("error_code", equalTo("DEV_CONFLICT"))
                .body("reason_code", equalTo("already_active"))
                .body("details.sessionId", equalTo("s-9"));
        given().when().get("/test/limited")
                .then().statusCode(429)
                .header("Retry-After", "7")
                .body("error_code", equalTo("DEV_RATE_LIMITED"));
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("http_server"));
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("/test/echo"));
    }
}
