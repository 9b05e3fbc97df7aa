package com.powerx.devhotload.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The six packaged services, started as processes on the real devstack, through HTTP only. */
class SuiteBootIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Suite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = Suite.get();
        System.out.printf("e2e: six services ready in %d ms%n", suite.startupTime().toMillis());
    }

    @Test
    void everyServiceIsReadyWithKafkaAndItsDatastoreUp() throws Exception {
        // Reached through the broker's SASL/SCRAM listener (Suite): Kafka UP means this service's health check
        // authenticated there. Without the listener the suite would fall back to the plain one, and prove nothing.
        assertThat(suite.stack().kafka().sasl()).as("the broker's SASL listener the services use").isPresent();
        assertThat(suite.kafkaUsers()).as("a KafkaUser, with its prod ACLs, for every service")
                .containsKeys(Suite.SERVICES.stream().map(service -> "px-kafka-" + service).toArray(String[]::new));
        for (String service : Suite.SERVICES) {
            HttpResponse<String> r = get(service, "/q/health/ready", null);
            assertThat(r.statusCode()).as(service).isEqualTo(200);
            JsonNode health = JSON.readTree(r.body());
            assertThat(health.get("status").asText()).as(service).isEqualTo("UP");
            assertThat(health.get("checks").findValuesAsText("name")).as(service)
                    .anyMatch(name -> name.contains("Kafka"))
                    .anyMatch(name -> name.contains("PostgreSQL") || name.contains("Redis"));
        }
    }

    @Test
    void unknownPathsAnswerTheErrorEnvelopeEverywhere() throws Exception {
        for (String service : Suite.SERVICES) {
            HttpResponse<String> r = get(service, "/no/such/path", null);
            assertThat(r.statusCode()).as(service).isEqualTo(404);
            assertThat(r.headers().firstValue("Content-Type")).as(service).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.get("code").asInt()).isEqualTo(404);
            assertThat(body.get("error_code").asText()).isEqualTo("DEV_NOT_FOUND");
            assertThat(body.get("request_id").asText()).isNotBlank();
            assertThat(body.has("timestamp")).isTrue();
        }
    }

    @Test
    void theRequestIdIsEchoedInHeaderAndBody() throws Exception {
        for (String service : Suite.SERVICES) {
            String id = "e2e-" + service;
            HttpResponse<String> r = get(service, "/no/such/path", id);
            assertThat(r.headers().firstValue("X-Request-ID")).as(service).hasValue(id);
            assertThat(JSON.readTree(r.body()).get("request_id").asText()).as(service).isEqualTo(id);
            HttpResponse<String> health = get(service, "/q/health/live", id);
            assertThat(health.headers().firstValue("X-Request-ID")).as(service).hasValue(id);
        }
    }

    @Test
    void metricsAndOpenApiAreServedEverywhere() throws Exception {
        for (String service : Suite.SERVICES) {
            assertThat(get(service, "/q/metrics", null).body()).as(service).contains("# TYPE");
            assertThat(get(service, "/q/openapi", null).statusCode()).as(service).isEqualTo(200);
        }
    }

    private static HttpResponse<String> get(String service, String path, String requestId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(suite.url(service, path)).GET();
        if (requestId != null) {
            request.header("X-Request-ID", requestId);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
