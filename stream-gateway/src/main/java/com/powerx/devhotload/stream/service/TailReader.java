package com.powerx.devhotload.stream.service;

import com.powerx.devhotload.stream.StreamEntry;
import com.powerx.devhotload.stream.StreamId;
import com.powerx.devhotload.stream.config.StreamConfig;
import com.powerx.devhotload.stream.repository.ReplayStreamRepository;
import io.quarkus.logging.Log;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The {@link LiveTail}'s Redis read loop: one blocking {@code XREAD COUNT … BLOCK …} after another, on one dedicated
 * connection, over the streams of every ready {@link TenantFeed}. When the set of tenants changes, the blocked read
 * is interrupted with {@code CLIENT UNBLOCK} (retried until it lands) and issued again. Runs on the tail's context.
 */
final class TailReader {

    private static final long RECONNECT_DELAY_MS = 1000;
    private static final long WAKE_RETRY_MS = 5;

    /** The tail's own connection and its Redis client id, the target of {@code CLIENT UNBLOCK}. */
    private record Dedicated(RedisConnection connection, long clientId) {
    }

    private final Vertx vertx;
    private final Redis redis;
    private final ReplayStreamRepository streams;
    private final StreamConfig config;
    private final Collection<TenantFeed> feeds;
    private final BiConsumer<String, List<StreamEntry>> dispatch;

    private Context context;
    private RedisConnection connection;
    private long clientId = -1;
    private boolean connecting;
    private boolean reading;
    private boolean waking;
    private boolean keysChanged;
    private boolean stopped;

    /** {@code feeds} is a live view of the tail's feeds; {@code dispatch} takes each read's entries per tenant. */
    TailReader(Vertx vertx, Redis redis, ReplayStreamRepository streams, StreamConfig config,
               Collection<TenantFeed> feeds, BiConsumer<String, List<StreamEntry>> dispatch) {
        this.vertx = vertx;
        this.redis = redis;
        this.streams = streams;
        this.config = config;
        this.feeds = feeds;
        this.dispatch = dispatch;
    }

    void start(Context tailContext) {
        context = tailContext;
        context.runOnContext(v -> connect());
    }

    void stop() {
        context.runOnContext(v -> {
            stopped = true;
            if (connection != null) {
                connection.close();
                connection = null;
            }
        });
    }

    /** A feed became ready: read it now, interrupting the running read if need be. */
    void feedReady() {
        keysChanged = true;
        if (!reading) {
            read();
        } else {
            wake();
        }
    }

    /** A feed was dropped: the running read may still name its stream (those entries are dropped); the next won't. */
    void feedDropped() {
        keysChanged = true;
    }

    private void connect() {
        if (stopped || connecting || connection != null) {
            return;
        }
        connecting = true;
        redis.connect()
                .compose(conn -> conn.send(Request.cmd(Command.CLIENT).arg("SETNAME").arg("px-stream-tail"))
                        .compose(ok -> conn.send(Request.cmd(Command.CLIENT).arg("ID")))
                        .map(id -> new Dedicated(conn, id.toLong()))
                        .onFailure(e -> conn.close()))
                .onComplete(ar -> context.runOnContext(v -> connected(ar)));
    }

    private void connected(AsyncResult<Dedicated> ar) {
        connecting = false;
        if (ar.failed()) {
            Log.warnf("tail cannot reach Redis, retrying in %d ms: %s", RECONNECT_DELAY_MS, ar.cause().getMessage());
            vertx.setTimer(RECONNECT_DELAY_MS, t -> context.runOnContext(v -> connect()));
            return;
        }
        RedisConnection conn = ar.result().connection();
        if (stopped) {
            conn.close();
            return;
        }
        connection = conn;
        clientId = ar.result().clientId();
        conn.exceptionHandler(e -> context.runOnContext(v -> lost(conn, e)));
        conn.endHandler(e -> context.runOnContext(v -> lost(conn, null)));
        read();
    }

    private void lost(RedisConnection conn, Throwable cause) {
        if (connection != conn) {
            return;
        }
        Log.warnf("tail lost its Redis connection%s; reconnecting", cause == null ? "" : ": " + cause.getMessage());
        connection = null;
        clientId = -1;
        reading = false;
        conn.close();
        vertx.setTimer(RECONNECT_DELAY_MS, t -> context.runOnContext(v -> connect()));
    }

    private void read() {
        if (stopped || connection == null || reading) {
            return;
        }
        Map<String, StreamId> positions = new LinkedHashMap<>();
        for (TenantFeed feed : feeds) {
            if (feed.ready()) {
                positions.put(feed.tenant, feed.position());
            }
        }
        if (positions.isEmpty()) {
            return; // idle until a feed becomes ready
        }
        keysChanged = false;
        reading = true;
        RedisConnection conn = connection;
        conn.send(streams.tailRead(positions, config.tailBatchSize(), config.tailBlock().toMillis()))
                .onComplete(ar -> context.runOnContext(v -> onRead(conn, ar)));
    }

    private void onRead(RedisConnection conn, AsyncResult<Response> ar) {
        if (connection != conn) {
            return;
        }
        reading = false;
        if (ar.failed()) {
            lost(conn, ar.cause());
            return;
        }
        if (ar.result() != null) {
            streams.forEachTenant(ar.result(), dispatch);
        }
        read();
    }

    /** Interrupts the blocked read so that it is issued again with the new set of tenants. */
    private void wake() {
        if (waking || !reading || clientId < 0) {
            return;
        }
        waking = true;
        redis.send(Request.cmd(Command.CLIENT).arg("UNBLOCK").arg(clientId)).onComplete(ar -> context.runOnContext(v -> {
            waking = false;
            boolean unblocked = ar.succeeded() && ar.result() != null && ar.result().toInteger() == 1;
            if (!unblocked && reading && keysChanged) {
                // The read may not have reached Redis yet: try again shortly rather than wait for its timeout.
                vertx.setTimer(WAKE_RETRY_MS, t -> context.runOnContext(v2 -> {
                    if (reading && keysChanged) {
                        wake();
                    }
                }));
            }
        }));
    }
}
