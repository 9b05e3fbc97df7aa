package com.powerx.devhotload.stream.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.contracts.EventCodec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * One block of a text/event-stream as a client parses it (a blank line ends a block): its fields, its raw lines.
 * A block of only comments is a comment frame; one of only {@code retry} is a retry frame.
 */
public record SseFrame(String id, String event, String data, String retry, List<String> comments, List<String> lines) {

    public boolean isEvent() {
        return data != null;
    }

    public boolean isComment() {
        return data == null && retry == null && id == null && event == null && !comments.isEmpty();
    }

    public JsonNode json() {
        try {
            return EventCodec.mapper().readTree(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return String.join("\\n", lines);
    }
}
