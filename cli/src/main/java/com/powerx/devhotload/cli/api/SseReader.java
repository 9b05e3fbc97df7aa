package com.powerx.devhotload.cli.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Parses a {@code text/event-stream} into {@link SseFrame}s as they arrive (comments and {@code retry:} skipped). */
public final class SseReader {

    private SseReader() {
    }

    /** Reads until the stream ends, handing each complete frame to {@code frames}; answers normally at end of stream. */
    public static void read(InputStream body, Consumer<SseFrame> frames) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        String id = null;
        String event = null;
        StringBuilder data = null;
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    frames.accept(new SseFrame(id, event == null ? "message" : event, data.toString()));
                }
                id = null;
                event = null;
                data = null;
            } else if (!line.startsWith(":")) {
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                value = value.startsWith(" ") ? value.substring(1) : value;
                switch (field) {
                    case "id" -> id = value;
                    case "event" -> event = value;
                    case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    default -> {
                        // retry: and unknown fields are not needed by the CLI
                    }
                }
            }
        }
    }
}
