package com.powerx.devhotload.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.powerx.devhotload.cli.CliException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PrinterTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void jsonModePrintsOneObjectPerLineWithTheContractFields() throws Exception {
        Printer printer = new Printer(new PrintStream(out, true), new PrintStream(err, true), true, true, clock);
        printer.event(Event.of("reloaded").sessionId("s-1").sequence(7L).durationMs(42L).message("end to end 80 ms"));
        printer.event(Event.of("uploaded").sessionId("s-1").bytes(812L));
        printer.event(Event.of("rolled-back").sessionId("s-1").sequence(8L).error("SyntaxError: Unexpected token").put("file", "index.mjs").put("line", 12));

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(3);
        JsonNode reloaded = new ObjectMapper().readTree(lines.get(0));
        assertThat(reloaded.path("event").asText()).isEqualTo("reloaded");
        assertThat(reloaded.path("sessionId").asText()).isEqualTo("s-1");
        assertThat(reloaded.path("sequence").asLong()).isEqualTo(7);
        assertThat(reloaded.path("durationMs").asLong()).isEqualTo(42);
        assertThat(reloaded.path("time").asText()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(reloaded.has("error")).isFalse(); // present only where it applies
        assertThat(new ObjectMapper().readTree(lines.get(1)).path("bytes").asLong()).isEqualTo(812);
        JsonNode rolledBack = new ObjectMapper().readTree(lines.get(2));
        assertThat(rolledBack.path("error").asText()).startsWith("SyntaxError");
        assertThat(rolledBack.path("line").asInt()).isEqualTo(12);
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("\u001b[");
    }

    @Test
    void errorsAreOneLineOnStderrAndAnErrorEventInJsonMode() throws Exception {
        Printer printer = new Printer(new PrintStream(out, true), new PrintStream(err, true), true, false, clock);
        printer.error(CliException.api("DEV_UNAUTHORIZED", "POST /reload answered 401", "check PX_TOKEN"), "s-1");
        JsonNode error = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8).strip());
        assertThat(error.path("event").asText()).isEqualTo("error");
        assertThat(error.path("errorCode").asText()).isEqualTo("DEV_UNAUTHORIZED");
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
                .isEqualTo("error: POST /reload answered 401 [DEV_UNAUTHORIZED] — check PX_TOKEN");
    }

    @Test
    void humanModeIsOneLinePerEventWithoutColourOffTerminal() {
        Printer printer = new Printer(new PrintStream(out, true), new PrintStream(err, true), false, false, clock);
        printer.event(Event.of("reloaded").sequence(3L).durationMs(40L).message("ok"));
        String line = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(line).contains("reloaded").contains("#3").contains("in 40 ms").doesNotContain("\u001b[").doesNotContain("\n");
    }
}
