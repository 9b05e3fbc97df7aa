package com.powerx.devhotload.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.cli.CliException;
import com.powerx.devhotload.cli.api.ApiClient;
import com.powerx.devhotload.cli.api.LogStream;
import com.powerx.devhotload.cli.api.SseFrame;
import com.powerx.devhotload.cli.config.DevSession;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the error stacks of the session's failed reloads, by sequence, from its event stream: the reload answer carries
 * only the error's message, while {@code dev.session.rolled-back} / {@code reload.failed} carry {@code error.stack},
 * which is where node and python name the file and line.
 */
final class FailureStacks implements AutoCloseable {

    private final LogStream events;
    private final Map<Long, String> stacks = new ConcurrentHashMap<>();

    FailureStacks(LogStream events) {
        this.events = events;
    }

    void start(DevSession session) {
        Thread.ofPlatform().daemon().name("px-events").start(() -> {
            try {
                events.follow(session.sessionId(), session.reloadToken(), null, this::record);
            } catch (CliException e) {
                // without the event stream, failures are still printed with their message
            }
        });
    }

    /** The stack text of reload {@code sequence}, waiting up to {@code millis} for its event to arrive. */
    Optional<String> await(Long sequence, long millis) {
        if (sequence == null) {
            return Optional.empty();
        }
        long deadline = System.currentTimeMillis() + millis;
        while (!stacks.containsKey(sequence) && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return Optional.ofNullable(stacks.get(sequence));
    }

    private void record(SseFrame frame) {
        if (!frame.event().endsWith("rolled-back") && !frame.event().endsWith("reload.failed")) {
            return;
        }
        try {
            JsonNode payload = ApiClient.JSON.readTree(frame.data()).path("payload");
            JsonNode error = payload.path("error");
            String text = error.path("message").asText("") + "\n" + error.path("stack").asText("");
            stacks.put(payload.path("sequence").asLong(), text);
        } catch (IOException e) {
            // a frame that is not JSON carries nothing to locate
        }
    }

    @Override
    public void close() {
        events.close();
    }
}
