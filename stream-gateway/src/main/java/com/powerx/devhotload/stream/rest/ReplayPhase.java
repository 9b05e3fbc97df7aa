package com.powerx.devhotload.stream.rest;

import com.powerx.devhotload.stream.StreamEntry;
import com.powerx.devhotload.stream.StreamId;
import com.powerx.devhotload.stream.config.StreamConfig;
import com.powerx.devhotload.stream.repository.ReplayPage;
import com.powerx.devhotload.stream.repository.ReplayStreamRepository;
import io.quarkus.logging.Log;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;

import java.util.List;

/**
 * The replay phase of one {@link SseConnection}: reads the tenant's stream after the connection's cursor, a page at a
 * time, and the next page only once the reader has taken the last one (nothing waiting, socket writable), so
 * replaying never overflows the connection's buffer. Tells the reader once per cursor when entries after it were
 * trimmed. At the end of the stream, the connection asks the tail to go live. Runs on the connection's event loop.
 */
final class ReplayPhase {

    private final SseConnection connection;
    private final FrameWriter writer;
    private final Context context;
    private final ReplayStreamRepository streams;
    private final StreamConfig config;
    private final String tenant;
    private final int pageSize;
    private StreamId gapReportedAt;
    private boolean awaitsDrain;

    ReplayPhase(SseConnection connection, FrameWriter writer, Context context, ReplayStreamRepository streams,
                StreamConfig config, String tenant) {
        this.connection = connection;
        this.writer = writer;
        this.context = context;
        this.streams = streams;
        this.config = config;
        this.tenant = tenant;
        this.pageSize = Math.max(1, Math.min(config.replayPageSize(), config.bufferSize()));
    }

    /** Reads the next page, unless the reader has yet to take what it has: then {@link #drained} reads on. */
    void next() {
        if (!connection.replaying()) {
            return;
        }
        if (!writer.idle()) {
            awaitsDrain = true;
            return;
        }
        streams.page(tenant, connection.cursor(), pageSize)
                .onComplete(ar -> context.runOnContext(v -> onPage(ar)));
    }

    /** The reader has taken everything: a replay that waited for it reads on. */
    void drained() {
        if (awaitsDrain) {
            awaitsDrain = false;
            next();
        }
    }

    private void onPage(AsyncResult<ReplayPage> ar) {
        try {
            readPage(ar);
        } finally {
            writer.flush();
        }
    }

    private void readPage(AsyncResult<ReplayPage> ar) {
        if (!connection.replaying()) {
            return;
        }
        if (ar.failed()) {
            Log.warnf("replay read failed for tenant %s: %s", tenant, ar.cause().getMessage());
            connection.finish();
            return;
        }
        List<StreamEntry> entries = ar.result().entries();
        reportTrimmed(ar.result());
        for (StreamEntry entry : entries) {
            if (!connection.take(entry, false)) {
                return;
            }
        }
        if (entries.size() < pageSize) {
            connection.caughtUp();
        } else {
            next();
        }
    }

    private void reportTrimmed(ReplayPage page) {
        StreamId cursor = connection.cursor();
        long retentionStart = System.currentTimeMillis() - config.retentionAge().toMillis();
        if (!cursor.equals(gapReportedAt) && page.lostAfter(cursor, retentionStart)) {
            connection.reportGap(page.entries().isEmpty() ? null : page.entries().getFirst().id());
            gapReportedAt = cursor; // once per cursor, however often an empty stream is read again
        }
    }
}
