package com.powerx.devhotload.devstack;

import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/** Reads one sample off the {@code /q/metrics} of the service under test (a {@code @QuarkusTest}'s RestAssured). */
public final class MetricSamples {

    private MetricSamples() {
    }

    /**
     * The first sample of {@code name} in the Prometheus text exposition, whatever its labels; the value may be
     * followed by an exemplar ({@code # {span_id=…} …}). Empty when the meter is not exported.
     */
    public static OptionalDouble of(String name) {
        String body = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*\\})? (\\S+)").matcher(body);
        return m.find() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
    }
}
