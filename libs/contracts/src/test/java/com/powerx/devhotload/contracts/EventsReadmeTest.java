package com.powerx.devhotload.contracts;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written docs/events/README.md names every topic, type and schema of the contract. */
class EventsReadmeTest {

    @Test
    void readmeListsEveryTopicTypeAndSchema() throws IOException {
        String readme = Files.readString(JsonSchemaTest.eventsDocs().resolve("README.md"), StandardCharsets.UTF_8);

        Topics.ALL.forEach(topic -> assertThat(readme).contains("| `" + topic + "` |"));
        EventTypes.FIXED.forEach(type -> assertThat(readme).contains("`" + type + "`"));
        PayloadTypes.fixed().forEach((type, record) ->
                assertThat(readme).contains("| `" + type + "` | `" + record.getSimpleName() + "` |"));
        JsonSchemaGenerator.all().keySet().forEach(file -> assertThat(readme).contains("(" + file + ")"));
    }
}
