package com.powerx.devhotload.devstack;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * What every service must serve (CONTRACT.md §1), checked the same way in each: a service's boot test extends
 * this class and adds {@code @QuarkusTest} with the {@link DevStackResource} it needs.
 */
public abstract class ServiceBootChecks {

    @Test
    void livenessIsUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    /** A word in the name of the readiness check of the service's own datastore ("PostgreSQL", "Redis"). */
    protected abstract String datastoreCheck();

    @Test
    void readinessIsUpAndCoversKafkaAndTheDatastore() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Kafka")))
                .body("checks.name", hasItem(containsString(datastoreCheck())));
    }

    @Test
    void prometheusMetricsAreServed() {
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("# TYPE"))
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void openApiIsServed() {
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("openapi"));
    }

    @Test
    void unknownPathsAnswerTheErrorEnvelopeWithTheRequestId() {
        given().header("X-Request-ID", "boot-check-1")
                .when().get("/definitely/not/here")
                .then().statusCode(404)
                .contentType(ContentType.JSON)
                .header("X-Request-ID", "boot-check-1")
                .body("error_code", equalTo("DEV_NOT_FOUND"))
                .body("request_id", equalTo("boot-check-1"));
    }
}
