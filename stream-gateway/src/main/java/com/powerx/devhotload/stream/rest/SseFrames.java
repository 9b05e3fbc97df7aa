package com.powerx.devhotload.stream.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.stream.FrameStyle;
import com.powerx.devhotload.stream.StreamEntry;
import com.powerx.devhotload.stream.StreamId;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The text/event-stream frames of CONTRACT.md §5. Data is always one line of compact JSON, so every frame has a
 * single {@code data:} line.
 */
final class SseFrames {

    static final Buffer HEARTBEAT = Buffer.buffer(": hb\n\n");

    private SseFrames() {
    }

    static Buffer retry(long millis) {
        return Buffer.buffer("retry: " + millis + "\n\n");
    }

    /** {@code id/event/data} of an entry on the admin stream; rendered once per entry, shared by every connection. */
    static Buffer event(StreamEntry entry) {
        return entry.frame(FrameStyle.EVENTS, e -> frame(e.id(), e.type(), e.data()));
    }

    /** A {@code dev.session.log} entry as the Go CLI reads it: {@code event: log} with the line's own fields. */
    static Buffer log(StreamEntry entry) {
        return entry.frame(FrameStyle.CLI_LOG, e -> {
            JsonNode data = parse(e.data());
            JsonNode payload = data.path("payload");
            ObjectNode line = EventCodec.mapper().createObjectNode();
            line.set("timestamp", payload.path("timestamp"));
            line.set("level", payload.path("level"));
            line.set("source", payload.path("source"));
            line.set("message", payload.path("message"));
            line.set("sessionId", data.path("sessionId"));
            if (payload.hasNonNull("reloadSeq")) {
                line.set("reloadSeq", payload.get("reloadSeq"));
            }
            if (payload.hasNonNull("suppressed")) {
                line.set("suppressed", payload.get("suppressed"));
            }
            return frame(e.id(), "log", line.toString());
        });
    }

    /** The Go CLI's end of stream: the session was terminated or expired. */
    static Buffer end(StreamId id, String sessionId, String reason) {
        ObjectNode data = EventCodec.mapper().createObjectNode().put("sessionId", sessionId).put("reason", reason);
        return id == null ? Buffer.buffer("event: end\ndata: " + data + "\n\n") : frame(id, "end", data.toString());
    }

    /** History between {@code requestedId} and {@code oldestAvailableId} is gone (retention). */
    static Buffer retentionGap(StreamId requestedId, StreamId oldestAvailableId) {
        ObjectNode data = EventCodec.mapper().createObjectNode()
                .put("requestedId", requestedId.toString())
                .put("oldestAvailableId", oldestAvailableId == null ? null : oldestAvailableId.toString())
                .put("reason", "retention");
        return Buffer.buffer("event: gap\ndata: " + data + "\n\n");
    }

    /** The reader fell more than its buffer behind: it must reconnect from {@code lastEventId}. */
    static Buffer slowConsumerGap(StreamId lastEventId, int bufferSize) {
        ObjectNode data = EventCodec.mapper().createObjectNode()
                .put("reason", "slow-consumer")
                .put("lastEventId", lastEventId == null ? null : lastEventId.toString())
                .put("bufferSize", bufferSize);
        return Buffer.buffer("event: gap\ndata: " + data + "\n\n");
    }

    private static Buffer frame(StreamId id, String event, String data) {
        return Buffer.buffer("id: " + id + "\nevent: " + event + "\ndata: " + data + "\n\n");
    }

    private static JsonNode parse(String json) {
        try {
            return EventCodec.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
