package com.powerx.devhotload.cli.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.powerx.devhotload.cli.config.PxHome;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

/** {@code ~/.powerx/logs/px-plugin-dev.log}: one JSON object per line with sessionId, tenantId, reloadSeq, errorCode. */
public final class DevLog {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final Clock clock;

    public DevLog(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    public void write(String level, String event, String message, String sessionId, String tenantId, Long reloadSeq, String errorCode) {
        ObjectNode line = JSON.createObjectNode().put("time", clock.instant().toString()).put("level", level).put("event", event)
                .put("message", message).put("sessionId", sessionId).put("tenantId", tenantId).put("errorCode", errorCode);
        if (reloadSeq != null) {
            line.put("reloadSeq", reloadSeq);
        } else {
            line.putNull("reloadSeq");
        }
        append(line);
    }

    private synchronized void append(ObjectNode line) {
        try {
            PxHome.appendPrivate(file, (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the log is for later diagnosis; failing to write it must not stop the developer's loop
        }
    }
}
