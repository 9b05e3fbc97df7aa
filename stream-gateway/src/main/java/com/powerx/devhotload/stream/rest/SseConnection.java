package com.powerx.devhotload.stream.rest;

import com.powerx.devhotload.stream.FrameStyle;
import com.powerx.devhotload.stream.SessionBinding;
import com.powerx.devhotload.stream.StreamEntry;
import com.powerx.devhotload.stream.StreamId;
import com.powerx.devhotload.stream.Subscription;
import com.powerx.devhotload.stream.config.StreamConfig;
import com.powerx.devhotload.stream.repository.ReplayPage;
import com.powerx.devhotload.stream.repository.ReplayStreamRepository;
import com.powerx.devhotload.stream.service.FeedMember;
import com.powerx.devhotload.stream.service.JoinOutcome;
import com.powerx.devhotload.stream.service.LiveTail;
import com.powerx.devhotload.stream.service.StreamMetrics;
import com.powerx.devhotload.stream.service.StreamMetrics.GapReason;
import io.quarkus.logging.Log;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

import java.util.ArrayDeque;
import java.util.List;

/**
 * One open event stream. It replays its tenant's stream from the client's cursor in pages, then asks the
 * {@link LiveTail} to go live; the tail either takes it (everything after the cursor will come live) or tells it to
 * replay further. Frames wait in a bounded buffer while the socket is full: past {@code px.stream.buffer-size}
 * the reader is sent a {@code gap} frame and the stream ends, so a slow reader never costs unbounded memory and
 * never silently misses events. Everything here runs on the connection's own event loop.
 */
final class SseConnection implements FeedMember {

    private enum State { REPLAYING, JOINING, LIVE, ENDING, CLOSED }

    /** A batch is written once it reaches this size: chunks stay moderate for clients and for the socket buffer. */
    private static final int MAX_BATCH_BYTES = 32 * 1024;

    /** A frame waiting for the socket. {@code eventTimeMillis} is 0 for frames whose latency is not measured. */
    private record Outgoing(Buffer frame, StreamId id, long eventTimeMillis) {
    }

    private final Vertx vertx;
    private final Context context;
    private final HttpServerResponse response;
    private final Subscription subscription;
    private final LiveTail tail;
    private final ReplayStreamRepository streams;
    private final StreamConfig config;
    private final StreamMetrics metrics;
    private final Runnable onRelease;
    private final ArrayDeque<Outgoing> pending = new ArrayDeque<>();
    private final int pageSize;
    /**
     * Frames taken for the socket during the current event-loop task, written as one chunk when the task ends
     * ({@link #flushBatch}). One write per frame meant one syscall per frame: at 55,000 frames/s that was 40 % of
     * the event loops' time.
     */
    private Buffer batch;
    private int batchFrames;

    private State state = State.REPLAYING;
    private StreamId cursor;
    private StreamId lastWritten;
    private StreamId gapReportedAt;
    private boolean replayAwaitsDrain;
    private boolean released;
    private long heartbeatTimer = -1;

    SseConnection(Vertx vertx, Context context, HttpServerResponse response, Subscription subscription, LiveTail tail,
                  ReplayStreamRepository streams, StreamConfig config, StreamMetrics metrics, Runnable onRelease) {
        this.vertx = vertx;
        this.context = context;
        this.response = response;
        this.subscription = subscription;
        this.tail = tail;
        this.streams = streams;
        this.config = config;
        this.metrics = metrics;
        this.onRelease = onRelease;
        this.pageSize = Math.max(1, Math.min(config.replayPageSize(), config.bufferSize()));
    }

    @Override
    public Subscription subscription() {
        return subscription;
    }

    /** Starts the stream: headers, {@code retry}, then replay from {@code requested} (or live from now if null). */
    void open(StreamId requested) {
        metrics.subscriberOpened();
        response.setStatusCode(200).setChunked(true)
                .putHeader("Content-Type", "text/event-stream")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        response.closeHandler(v -> release());
        response.exceptionHandler(e -> release());
        response.drainHandler(v -> onDrain());
        response.write(SseFrames.retry(config.retryMillis()));
        heartbeatTimer = vertx.setPeriodic(config.heartbeat().toMillis(), id -> heartbeat());
        tail.attach(this);
        if (requested == null) {
            goLive(null);
        } else {
            cursor = requested;
            replayNext();
        }
    }

    // ---- replay -------------------------------------------------------------------------------------------------

    private void replayNext() {
        if (state != State.REPLAYING) {
            return;
        }
        if (!pending.isEmpty() || response.writeQueueFull()) {
            replayAwaitsDrain = true; // read on once the client has taken what it has
            return;
        }
        streams.page(subscription.tenant(), cursor, pageSize)
                .onComplete(ar -> context.runOnContext(v -> onPage(ar)));
    }

    private void onPage(AsyncResult<ReplayPage> ar) {
        try {
            readPage(ar);
        } finally {
            flushBatch();
        }
    }

    private void readPage(AsyncResult<ReplayPage> ar) {
        if (state != State.REPLAYING) {
            return;
        }
        if (ar.failed()) {
            Log.warnf("replay read failed for tenant %s: %s", subscription.tenant(), ar.cause().getMessage());
            finish();
            return;
        }
        ReplayPage page = ar.result();
        List<StreamEntry> entries = page.entries();
        long retentionStart = System.currentTimeMillis() - config.retentionAge().toMillis();
        if (!cursor.equals(gapReportedAt) && page.lostAfter(cursor, retentionStart)) {
            StreamId oldest = entries.isEmpty() ? null : entries.getFirst().id();
            metrics.gap(GapReason.RETENTION);
            enqueue(new Outgoing(SseFrames.retentionGap(cursor, oldest), null, 0));
            gapReportedAt = cursor; // once per cursor, however often an empty stream is read again
        }
        for (StreamEntry entry : entries) {
            if (!consume(entry, false)) {
                return;
            }
        }
        if (entries.size() < pageSize) {
            goLive(cursor);
        } else {
            replayNext();
        }
    }

    private void goLive(StreamId position) {
        state = State.JOINING;
        tail.goLive(this, position);
    }

    /**
     * The answer takes the same path as the entries ({@link #onLive}): a task on this connection's loop, queued from
     * the tail's loop in the order the tail acted, so LIVE is set before the first entry handed over after the join.
     * (A future completed on the tail's loop, with a listener this thread registered after the call, let the next
     * run of entries be queued first whenever the tail answered before the registration: that run was dropped.)
     */
    @Override
    public void onJoin(JoinOutcome outcome) {
        context.runOnContext(v -> joined(outcome));
    }

    private void joined(JoinOutcome outcome) {
        if (state != State.JOINING) {
            return;
        }
        switch (outcome) {
            case JoinOutcome.Joined joined -> {
                cursor = joined.position();
                state = State.LIVE;
                SessionBinding binding = subscription.binding();
                if (binding != null && binding.alreadyEnded()) {
                    endOfSession(null);
                }
            }
            case JoinOutcome.Behind behind -> {
                state = State.REPLAYING;
                replayNext();
            }
        }
    }

    // ---- live ---------------------------------------------------------------------------------------------------

    @Override
    public void onLive(List<StreamEntry> entries) {
        context.runOnContext(v -> {
            if (state != State.LIVE) {
                if (state == State.REPLAYING || state == State.JOINING) {
                    // Entries before the answer to goLive: never expected. Dropping them would be a silent hole;
                    // ending makes the client resume from its Last-Event-ID instead.
                    Log.errorf("live entries reached a %s stream of tenant %s; ending it", state, subscription.tenant());
                    finish();
                }
                return;
            }
            try {
                for (StreamEntry entry : entries) {
                    if (!consume(entry, true)) {
                        return;
                    }
                }
            } finally {
                flushBatch();
            }
        });
    }

    @Override
    public void onLost(StreamId nextAvailable) {
        context.runOnContext(v -> {
            if (state == State.LIVE) {
                metrics.gap(GapReason.RETENTION);
                enqueue(new Outgoing(SseFrames.retentionGap(cursor, nextAvailable), null, 0));
                flushBatch();
            }
        });
    }

    /** Takes one entry in id order; false once the stream is ending. */
    private boolean consume(StreamEntry entry, boolean live) {
        if (cursor != null && !entry.id().isAfter(cursor)) {
            return true; // already replayed: the live feed overlaps the last replay page
        }
        cursor = entry.id();
        SessionBinding binding = subscription.binding();
        SessionBinding.Outcome outcome = binding == null ? SessionBinding.Outcome.CONTINUE : binding.outcomeOf(entry);
        if (subscription.filter().matches(entry)) {
            Buffer frame = subscription.style() == FrameStyle.CLI_LOG ? SseFrames.log(entry) : SseFrames.event(entry);
            enqueue(new Outgoing(frame, entry.id(), live ? entry.eventTimeMillis() : 0));
        }
        switch (outcome) {
            case SESSION_ENDED -> {
                endOfSession(entry);
                return false;
            }
            case TOKEN_REPLACED -> {
                finish(); // the token this stream was opened with no longer works
                return false;
            }
            default -> {
                return state != State.ENDING && state != State.CLOSED;
            }
        }
    }

    private void endOfSession(StreamEntry entry) {
        if (subscription.style() == FrameStyle.CLI_LOG) {
            String reason = entry == null ? "ended" : entry.type().substring(entry.type().lastIndexOf('.') + 1);
            enqueue(new Outgoing(SseFrames.end(entry == null ? null : entry.id(), subscription.binding().sessionId(), reason),
                    entry == null ? null : entry.id(), 0));
        }
        finish();
    }

    // ---- writing --------------------------------------------------------------------------------------------------

    private void enqueue(Outgoing outgoing) {
        if (state == State.CLOSED) {
            return;
        }
        if (pending.isEmpty() && !response.writeQueueFull()) {
            write(outgoing);
            return;
        }
        pending.add(outgoing);
        if (pending.size() > config.bufferSize()) {
            overflow();
        }
    }

    private void write(Outgoing outgoing) {
        if (batch == null) {
            batch = Buffer.buffer(outgoing.frame().length() * 4);
        }
        batch.appendBuffer(outgoing.frame());
        if (outgoing.id() != null) {
            lastWritten = outgoing.id();
            batchFrames++;
            metrics.deliveredLatency(outgoing.eventTimeMillis());
        }
        if (batch.length() >= MAX_BATCH_BYTES) {
            flushBatch();
        }
    }

    /** Writes the frames taken during this task; every path that writes anything else or ends the stream calls it. */
    private void flushBatch() {
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

    private void onDrain() {
        while (!pending.isEmpty() && !response.writeQueueFull()) {
            write(pending.poll());
        }
        flushBatch();
        if (!pending.isEmpty()) {
            return;
        }
        if (state == State.ENDING) {
            close();
        } else if (replayAwaitsDrain) {
            replayAwaitsDrain = false;
            replayNext();
        }
    }

    private void heartbeat() {
        if ((state == State.LIVE || state == State.REPLAYING || state == State.JOINING)
                && pending.isEmpty() && !response.writeQueueFull()) {
            response.write(SseFrames.HEARTBEAT);
        }
    }

    /** The reader is a buffer behind: what waits is dropped, it is told so, and the stream ends. */
    private void overflow() {
        flushBatch();
        pending.clear();
        metrics.gap(GapReason.SLOW_CONSUMER);
        response.write(SseFrames.slowConsumerGap(lastWritten, config.bufferSize()));
        close();
    }

    // ---- ending ---------------------------------------------------------------------------------------------------

    /** Ends the stream once what is pending has been written. */
    private void finish() {
        if (state == State.ENDING || state == State.CLOSED) {
            return;
        }
        state = State.ENDING;
        if (pending.isEmpty()) {
            close();
        }
    }

    /** Ends the response; a reader that does not take the last bytes within the grace period is disconnected. */
    private void close() {
        if (state == State.CLOSED) {
            return;
        }
        flushBatch();
        release();
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

    /** Frees everything the stream holds; called once, whichever way it ends (client gone, finished, failed). */
    private void release() {
        state = State.CLOSED;
        if (released) {
            return;
        }
        released = true;
        pending.clear();
        batch = null;
        vertx.cancelTimer(heartbeatTimer);
        tail.detach(this);
        metrics.subscriberClosed();
        onRelease.run();
    }
}
