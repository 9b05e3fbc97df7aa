package com.powerx.devhotload.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.cli.api.ApiClient;
import com.powerx.devhotload.cli.api.SseFrame;
import com.powerx.devhotload.cli.output.Event;
import com.powerx.devhotload.cli.output.Printer;

import java.io.IOException;

/** Prints the frames of the CLI log stream: {@code log} lines, {@code gap} notices and the session's {@code end}. */
final class LogPrinter {

    private LogPrinter() {
    }

    static void print(SseFrame frame, String sessionId, Printer printer) {
        JsonNode data = parse(frame.data());
        switch (frame.event()) {
            case "log" -> printer.event(Event.of("log").sessionId(sessionId)
                    .sequence(data.hasNonNull("reloadSeq") ? data.path("reloadSeq").asLong() : null)
                    .message("[" + data.path("level").asText("info") + "] " + data.path("message").asText(frame.data()))
                    .put("level", data.path("level").asText(null)).put("source", data.path("source").asText(null))
                    .put("id", frame.id()));
            case "gap" -> printer.event(Event.of("log").sessionId(sessionId).put("level", "warn")
                    .message("some log lines are no longer kept (oldest available " + data.path("oldestAvailableId").asText("?") + ")"));
            case "end" -> printer.event(Event.of("stopped").sessionId(sessionId).message("the session ended on the server"));
            default -> {
                // other frame types are not part of the CLI stream
            }
        }
    }

    private static JsonNode parse(String data) {
        try {
            return ApiClient.JSON.readTree(data == null || data.isBlank() ? "{}" : data);
        } catch (IOException e) {
            return ApiClient.JSON.createObjectNode().put("message", data);
        }
    }
}
