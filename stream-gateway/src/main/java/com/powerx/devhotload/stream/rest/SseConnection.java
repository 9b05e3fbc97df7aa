package com.powerx.devhotload.stream.rest;

import com.powerx.devhotload.stream.FrameStyle;
import com.powerx.devhotload.stream.SessionBinding;
import com.powerx.devhotload.stream.StreamEntry;
import com.powerx.devhotload.stream.StreamId;
import com.powerx.devhotload.stream.Subscription;
import com.powerx.devhotload.stream.config.StreamConfig;
import com.powerx.devhotload.stream.repository.ReplayStreamRepository;
import com.powerx.devhotload.stream.service.FeedMember;
import com.powerx.devhotload.stream.service.JoinOutcome;
import com.powerx.devhotload.stream.service.LiveTail;
import com.powerx.devhotload.stream.service.StreamMetrics;
import com.powerx.devhotload.stream.service.StreamMetrics.GapReason;
import io.quarkus.logging.Log;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

import java.util.List;

/**
 * One open event stream, as a state machine: it replays its tenant's stream from the client's cursor
 * ({@link ReplayPhase}), then asks the {@link LiveTail} to go live; the tail either takes it (everything after the
 * cursor will come live) or tells it to replay further. Frames reach the socket through a {@link FrameWriter}, which
 * ends the stream with a {@code gap} frame when the reader falls a whole buffer behind. Everything here runs on the
 * connection's own event loop.
 */
final class SseConnection implements FeedMember {

    private enum State { REPLAYING, JOINING, LIVE, ENDING, CLOSED }

    /** Counted as the console's log throughput (admin.dev_hotload.log_throughput). */
    private static final String LOG_TYPE = "dev.session.log";

    private final Vertx vertx;
    private final Context context;
    private final HttpServerResponse response;
    private final Subscription subscription;
    private final LiveTail tail;
    private final StreamConfig config;
    private final StreamMetrics metrics;
    private final Runnable onRelease;
    private final FrameWriter writer;
    private final ReplayPhase replay;

    private State state = State.REPLAYING;
    /** The id of the last entry taken (replayed or live): the next one must come after it. */
    private StreamId cursor;
    private boolean released;
    private long heartbeatTimer = -1;

    SseConnection(Vertx vertx, Context context, HttpServerResponse response, Subscription subscription, LiveTail tail,
                  ReplayStreamRepository streams, StreamConfig config, StreamMetrics metrics, Runnable onRelease) {
        this.vertx = vertx;
        this.context = context;
        this.response = response;
        this.subscription = subscription;
        this.tail = tail;
        this.config = config;
        this.metrics = metrics;
        this.onRelease = onRelease;
        this.writer = new FrameWriter(vertx, response, config, metrics, this::close);
        this.replay = new ReplayPhase(this, writer, context, streams, config, subscription.tenant());
    }

    @Override
    public Subscription subscription() {
        return subscription;
    }

    /** Starts the stream: headers, {@code retry}, then replay from {@code requested} (or live from now if null). */
    void open(StreamId requested) {
        metrics.subscriberOpened();
        response.closeHandler(v -> release());
        response.exceptionHandler(e -> release());
        response.drainHandler(v -> onDrain());
        writer.writeHead();
        heartbeatTimer = vertx.setPeriodic(config.heartbeat().toMillis(), id -> heartbeat());
        tail.attach(this);
        if (requested == null) {
            goLive(null);
        } else {
            cursor = requested;
            replay.next();
        }
    }

    // ---- replay → live ------------------------------------------------------------------------------------------

    boolean replaying() {
        return state == State.REPLAYING;
    }

    StreamId cursor() {
        return cursor;
    }

    /** Replay has reached the end of the stream: ask the tail to take over after the cursor. */
    void caughtUp() {
        goLive(cursor);
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
                replay.next();
            }
        }
    }

    // ---- live ---------------------------------------------------------------------------------------------------

    @Override
    public void onLive(List<StreamEntry> entries) {
        context.runOnContext(v -> takeLive(entries));
    }

    private void takeLive(List<StreamEntry> entries) {
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
                if (!take(entry, true)) {
                    return;
                }
            }
        } finally {
            writer.flush();
        }
    }

    @Override
    public void onLost(StreamId nextAvailable) {
        context.runOnContext(v -> {
            if (state == State.LIVE) {
                reportGap(nextAvailable);
                writer.flush();
            }
        });
    }

    // ---- entries ------------------------------------------------------------------------------------------------

    /** Takes one entry in id order (replayed, or live when {@code live}); false once the stream is ending. */
    boolean take(StreamEntry entry, boolean live) {
        if (cursor != null && !entry.id().isAfter(cursor)) {
            return true; // already replayed: the live feed overlaps the last replay page
        }
        cursor = entry.id();
        SessionBinding binding = subscription.binding();
        SessionBinding.Outcome outcome = binding == null ? SessionBinding.Outcome.CONTINUE : binding.outcomeOf(entry);
        if (subscription.filter().matches(entry)) {
            Buffer frame = subscription.style() == FrameStyle.CLI_LOG ? SseFrames.log(entry) : SseFrames.event(entry);
            writer.send(frame, entry.id(), live ? entry.eventTimeMillis() : 0);
            if (LOG_TYPE.equals(entry.type())) {
                metrics.logStreamed();
            }
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

    /** Entries after the cursor were trimmed before this reader could take them; the next one is {@code next}. */
    void reportGap(StreamId next) {
        metrics.gap(GapReason.RETENTION);
        writer.send(SseFrames.retentionGap(cursor, next), null, 0);
    }

    private void endOfSession(StreamEntry entry) {
        if (subscription.style() == FrameStyle.CLI_LOG) {
            String reason = entry == null ? "ended" : entry.type().substring(entry.type().lastIndexOf('.') + 1);
            StreamId id = entry == null ? null : entry.id();
            writer.send(SseFrames.end(id, subscription.binding().sessionId(), reason), id, 0);
        }
        finish();
    }

    // ---- flow and heartbeat -------------------------------------------------------------------------------------

    private void onDrain() {
        if (!writer.drain()) {
            return;
        }
        if (state == State.ENDING) {
            close();
        } else {
            replay.drained();
        }
    }

    private void heartbeat() {
        if (state == State.LIVE || state == State.REPLAYING || state == State.JOINING) {
            writer.heartbeat();
        }
    }

    // ---- ending ---------------------------------------------------------------------------------------------------

    /** Ends the stream once what is pending has been written. */
    void finish() {
        if (state == State.ENDING || state == State.CLOSED) {
            return;
        }
        state = State.ENDING;
        if (!writer.hasPending()) {
            close();
        }
    }

    /** Ends the response now (after the frames taken in this task); the writer gives the reader a grace period. */
    private void close() {
        if (state == State.CLOSED) {
            return;
        }
        writer.flush();
        release();
        writer.end();
    }

    /** Frees everything the stream holds; called once, whichever way it ends (client gone, finished, failed). */
    private void release() {
        state = State.CLOSED;
        if (released) {
            return;
        }
        released = true;
        writer.discard();
        vertx.cancelTimer(heartbeatTimer);
        tail.detach(this);
        metrics.subscriberClosed();
        onRelease.run();
    }
}
