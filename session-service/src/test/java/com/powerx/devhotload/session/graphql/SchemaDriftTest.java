package com.powerx.devhotload.session.graphql;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/graphql/schema.graphql is the schema the service serves: any change to the GraphQL types must update the file
 * in the same commit. To rewrite it from the live schema: {@code -Dpx.graphql.update-schema=true}.
 */
@QuarkusTest
class SchemaDriftTest {

    private static final Path CHECKED_IN = Path.of("..", "docs", "graphql", "schema.graphql");

    @Test
    void theCheckedInSchemaIsTheLiveOne() throws IOException {
        String live = RestAssured.given().when().get(AdminGraphQL.PATH + "/schema.graphql").then().statusCode(200)
                .extract().asString();
        if (Boolean.getBoolean("px.graphql.update-schema")) {
            Files.writeString(CHECKED_IN, live);
        }
        assertThat(normalized(live)).as("live schema vs " + CHECKED_IN + " (rerun with -Dpx.graphql.update-schema=true)")
                .isEqualTo(normalized(Files.readString(CHECKED_IN)));
    }

    /** Line endings and trailing blank space are not a schema change. */
    private static String normalized(String schema) {
        return schema.replace("\r\n", "\n").strip();
    }
}
