package com.powerx.devhotload.stream.rest;

import com.powerx.devhotload.stream.StreamId;
import com.powerx.devhotload.stream.config.StreamConfig;
import com.powerx.devhotload.stream.service.StreamMetrics;
import com.powerx.devhotload.stream.service.StreamMetrics.GapReason;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

import java.util.ArrayDeque;

/**
 * The socket side of one {@link SseConnection}: frames go to the socket while Netty's write queue has room, otherwise
 * they wait in a bounded buffer. Past {@code px.stream.buffer-size} waiting frames the reader is sent a
 * {@code slow-consumer} gap and the stream ends, so a slow reader never costs unbounded memory and never silently
 * misses events. Runs on the connection's event loop.
 */
final class FrameWriter {

    /** A batch is written once it reaches this size: chunks stay moderate for clients and for the socket buffer. */
    private static final int MAX_BATCH_BYTES = 32 * 1024;

    /** A frame waiting for the socket. {@code eventTimeMillis} is 0 for frames whose latency is not measured. */
    private record Outgoing(Buffer frame, StreamId id, long eventTimeMillis) {
    }

    private final Vertx vertx;
    private final HttpServerResponse response;
    private final StreamConfig config;
    private final StreamMetrics metrics;
    /** Ends the stream after an overflow. */
    private final Runnable overflowed;
    private final ArrayDeque<Outgoing> pending = new ArrayDeque<>();
    /**
     * Frames taken for the socket during the current event-loop task, written as one chunk when the task ends
     * ({@link #flush}). One write per frame meant one syscall per frame: at 55,000 frames/s that was 40 % of
     * the event loops' time.
     */
    private Buffer batch;
    private int batchFrames;
    private StreamId lastWritten;
    private boolean discarded;

    FrameWriter(Vertx vertx, HttpServerResponse response, StreamConfig config, StreamMetrics metrics,
                Runnable overflowed) {
        this.vertx = vertx;
        this.response = response;
        this.config = config;
        this.metrics = metrics;
        this.overflowed = overflowed;
    }

    /** The stream's head: status, headers and the {@code retry} frame. */
    void writeHead() {
        response.setStatusCode(200).setChunked(true)
                .putHeader("Content-Type", "text/event-stream")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        response.write(SseFrames.retry(config.retryMillis()));
    }

    /** Whether nothing waits and the socket takes more: replay reads on, heartbeats are sent, only then. */
    boolean idle() {
        return pending.isEmpty() && !response.writeQueueFull();
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    /** Sends a frame, or lets it wait; {@code id} null for frames that are not entries (gap, end). */
    void send(Buffer frame, StreamId id, long eventTimeMillis) {
        if (discarded) {
            return;
        }
        if (pending.isEmpty() && !response.writeQueueFull()) {
            write(frame, id, eventTimeMillis);
            return;
        }
        pending.add(new Outgoing(frame, id, eventTimeMillis));
        if (pending.size() > config.bufferSize()) {
            overflow();
        }
    }

    /** Writes what waits while the socket takes it; true when nothing waits any more. */
    boolean drain() {
        while (!pending.isEmpty() && !response.writeQueueFull()) {
            Outgoing next = pending.poll();
            write(next.frame(), next.id(), next.eventTimeMillis());
        }
        flush();
        return pending.isEmpty();
    }

    /** Heartbeats are skipped while frames are waiting: those tell the reader the stream is alive. */
    void heartbeat() {
        if (idle()) {
            response.write(SseFrames.HEARTBEAT);
        }
    }

    /** Writes the frames taken during this task; every path that writes anything else or ends the stream calls it. */
    void flush() {
        if (batch == null) {
            return;
        }
        Buffer frames = batch;
        batch = null;
        metrics.delivered(batchFrames);
        batchFrames = 0;
        if (!response.ended() && !response.closed()) {
            response.write(frames);
        }
    }

    /** Drops whatever waits; nothing is sent from now on. */
    void discard() {
        discarded = true;
        pending.clear();
        batch = null;
    }

    /** Ends the response; a reader that does not take the last bytes within the grace period is disconnected. */
    void end() {
        if (response.ended() || response.closed()) {
            return;
        }
        long forceClose = vertx.setTimer(config.closeGrace().toMillis(), t -> {
            if (!response.closed()) {
                response.reset();
            }
        });
        response.end().onComplete(ar -> vertx.cancelTimer(forceClose));
    }

    private void write(Buffer frame, StreamId id, long eventTimeMillis) {
        if (batch == null) {
            batch = Buffer.buffer(frame.length() * 4);
        }
        batch.appendBuffer(frame);
        if (id != null) {
            lastWritten = id;
            batchFrames++;
            metrics.deliveredLatency(eventTimeMillis);
        }
        if (batch.length() >= MAX_BATCH_BYTES) {
            flush();
        }
    }

    /** The reader is a buffer behind: what waits is dropped, it is told so, and the stream ends. */
    private void overflow() {
        flush();
        pending.clear();
        metrics.gap(GapReason.SLOW_CONSUMER);
        response.write(SseFrames.slowConsumerGap(lastWritten, config.bufferSize()));
        overflowed.run();
    }
}
