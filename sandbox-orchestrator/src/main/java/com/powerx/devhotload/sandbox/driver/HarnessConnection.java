package com.powerx.devhotload.sandbox.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.powerx.devhotload.contracts.EventCodec;
import io.quarkus.logging.Log;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The orchestrator's end of one harness's control socket: NDJSON requests with ids, replies matched to their
 * {@link CompletableFuture}s (they may come out of order), and unsolicited events ({@code hello}, {@code log},
 * {@code fatal}) handed to a callback. Reads and writes use the channel directly: one reader thread, writers serialised.
 */
final class HarnessConnection implements AutoCloseable {

    private static final ObjectMapper JSON = EventCodec.mapper();

    private final SocketChannel channel;
    private final Consumer<JsonNode> events;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Runnable onClosed;
    private final Thread reader;
    private volatile boolean closed;

    HarnessConnection(SocketChannel channel, String name, Consumer<JsonNode> events) {
        this(channel, name, events, () -> { });
    }

    /** {@code onClosed} runs once the reader ends: for a pod, a lost connection is the only sign of its end. */
    HarnessConnection(SocketChannel channel, String name, Consumer<JsonNode> events, Runnable onClosed) {
        this.channel = channel;
        this.events = events;
        this.onClosed = onClosed;
        this.reader = Thread.ofPlatform().daemon().name("harness-socket-" + name).start(this::readLoop);
    }

    /** Sends {@code {"id", "op", ...fields}}; completes with the {@code result}, or a {@link HarnessError}. */
    CompletableFuture<JsonNode> request(String op, ObjectNode fields) {
        long id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        if (closed) {
            reply.completeExceptionally(HarnessError.gone("the sandbox is not running"));
            return reply;
        }
        pending.put(id, reply);
        if (closed && pending.remove(id) != null) { // the reader ended between the check and the put
            reply.completeExceptionally(HarnessError.gone("the sandbox is not running"));
            return reply;
        }
        ObjectNode request = JSON.createObjectNode().put("id", id).put("op", op);
        if (fields != null) {
            request.setAll(fields);
        }
        try {
            byte[] line = (JSON.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8);
            synchronized (this) {
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        } catch (IOException e) {
            pending.remove(id);
            reply.completeExceptionally(HarnessError.gone("the sandbox's control socket is closed"));
        }
        return reply;
    }

    private void readLoop() {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    byte b = buffer.get();
                    if (b == '\n') {
                        dispatch(line.toString(StandardCharsets.UTF_8));
                        line.reset();
                    } else {
                        line.write(b);
                    }
                }
                buffer.clear();
            }
        } catch (IOException e) {
            if (!closed) {
                Log.debugf("harness socket closed: %s", e.getMessage());
            }
        } finally {
            closed = true;
            failPending();
            onClosed.run();
        }
    }

    private void dispatch(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException e) {
            Log.warnf("harness sent a line that is not JSON (%d chars)", text.length());
            return;
        }
        JsonNode id = message.get("id");
        if (id != null && id.canConvertToLong()) {
            CompletableFuture<JsonNode> reply = pending.remove(id.asLong());
            if (reply != null) {
                if (message.path("ok").asBoolean(false)) {
                    reply.complete(message.path("result"));
                } else {
                    reply.completeExceptionally(new HarnessError(message.path("error")));
                }
            }
        } else if (message.has("event")) {
            try {
                events.accept(message);
            } catch (RuntimeException e) {
                Log.warnf(e, "harness event handler failed");
            }
        }
    }

    private void failPending() {
        for (Long id : pending.keySet()) {
            CompletableFuture<JsonNode> reply = pending.remove(id);
            if (reply != null) {
                reply.completeExceptionally(HarnessError.gone("the sandbox process ended"));
            }
        }
    }

    boolean isOpen() {
        return !closed;
    }

    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // already gone
        }
        failPending();
    }
}
