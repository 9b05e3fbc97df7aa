package com.powerx.devhotload.stream.service;

import com.powerx.devhotload.stream.StreamEntry;
import com.powerx.devhotload.stream.StreamId;
import com.powerx.devhotload.stream.config.StreamConfig;
import com.powerx.devhotload.stream.repository.ReplayStreamRepository;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The live half of the feed on this replica: one blocking {@code XREAD} loop, on one dedicated Redis connection,
 * over the replay streams of every tenant that has subscribers here. Each replica tails Redis itself, so every
 * replica serves its own subscribers, with the ids the stream assigned, whatever Kafka partitions it owns.
 * <p>
 * All state is confined to one Vert.x context; members hear from it through {@link FeedMember}'s callbacks. A
 * member switches from replay to live with {@link #goLive}, which is decided on that context against the position
 * the loop has dispatched: entries up to it are the member's to replay, entries after it are handed over live.
 * The answer ({@link FeedMember#onJoin}) and the entries ({@link FeedMember#onLive}) leave this context by one
 * path, in the order they happened, so a member always takes its answer before the first entry handed over after
 * it. That is what makes the switch free of gaps and duplicates.
 */
@ApplicationScoped
public class LiveTail {

    private static final long RECONNECT_DELAY_MS = 1000;
    private static final long WAKE_RETRY_MS = 5;

    private final Vertx vertx;
    private final Redis redis;
    private final ReplayStreamRepository streams;
    private final StreamConfig config;
    private final StreamMetrics metrics;

    private Context context;
    private final Map<String, Feed> feeds = new HashMap<>();
    private RedisConnection connection;
    private long clientId = -1;
    private boolean connecting;
    private boolean reading;
    private boolean waking;
    private boolean keysChanged;
    private boolean stopped;

    public LiveTail(Vertx vertx, Redis redis, ReplayStreamRepository streams, StreamConfig config, StreamMetrics metrics) {
        this.vertx = vertx;
        this.redis = redis;
        this.streams = streams;
        this.config = config;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) {
        context = vertx.getOrCreateContext();
        context.runOnContext(v -> connect());
    }

    void stop(@Observes ShutdownEvent event) {
        context.runOnContext(v -> {
            stopped = true;
            if (connection != null) {
                connection.close();
                connection = null;
            }
        });
    }

    /** Registers a member that is about to replay; it keeps its tenant's stream tailed until {@link #detach}. */
    public void attach(FeedMember member) {
        context.runOnContext(v -> {
            String tenant = member.subscription().tenant();
            Feed feed = feeds.get(tenant);
            if (feed == null) {
                feed = new Feed(tenant);
                feeds.put(tenant, feed);
                metrics.tailTenants(feeds.size());
                initialize(feed);
            }
            feed.attached.add(member);
        });
    }

    /**
     * Asks to receive entries live. {@code cursor} null means "from now on"; otherwise the member has read
     * everything up to {@code cursor} and is {@link JoinOutcome.Behind} if the loop has dispatched beyond it. The
     * answer comes through {@link FeedMember#onJoin}, from this loop, before any entry dispatched after it.
     */
    public void goLive(FeedMember member, StreamId cursor) {
        context.runOnContext(v -> {
            Feed feed = feeds.get(member.subscription().tenant());
            if (feed == null || !feed.attached.contains(member)) {
                return; // detached before its turn: the member has ended and expects no answer
            }
            if (!feed.ready) {
                feed.waiting.add(() -> decide(feed, member, cursor));
            } else {
                decide(feed, member, cursor);
            }
        });
    }

    /** Forgets a member; a tenant without members is no longer read. */
    public void detach(FeedMember member) {
        context.runOnContext(v -> {
            String tenant = member.subscription().tenant();
            Feed feed = feeds.get(tenant);
            if (feed == null) {
                return;
            }
            feed.attached.remove(member);
            feed.unindex(member);
            if (feed.attached.isEmpty()) {
                feeds.remove(tenant);
                metrics.tailTenants(feeds.size());
                // The running read may still name this stream; its entries are then simply dropped.
                keysChanged = true;
            }
        });
    }

    private void decide(Feed feed, FeedMember member, StreamId cursor) {
        if (!feed.attached.contains(member)) {
            return; // left while the feed was starting
        }
        if (cursor == null || !feed.position.isAfter(cursor)) {
            feed.index(member);
            member.onJoin(new JoinOutcome.Joined(cursor == null ? feed.position : cursor));
        } else {
            member.onJoin(new JoinOutcome.Behind(feed.position));
        }
    }

    private void initialize(Feed feed) {
        streams.tailStart(feed.tenant).onComplete(ar -> context.runOnContext(v -> {
            if (feeds.get(feed.tenant) != feed) {
                return;
            }
            if (ar.failed()) {
                Log.warnf("cannot read the end of tenant %s's stream, retrying: %s", feed.tenant, ar.cause().getMessage());
                vertx.setTimer(RECONNECT_DELAY_MS, t -> context.runOnContext(v2 -> {
                    if (feeds.get(feed.tenant) == feed) {
                        initialize(feed);
                    }
                }));
                return;
            }
            feed.position = ar.result().position();
            feed.number = ar.result().number();
            feed.ready = true;
            List<Runnable> waiting = List.copyOf(feed.waiting);
            feed.waiting.clear();
            waiting.forEach(Runnable::run);
            keysChanged = true;
            readOrWake();
        }));
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

    /** The tail's own connection and its Redis client id, the target of {@code CLIENT UNBLOCK}. */
    private record Dedicated(RedisConnection connection, long clientId) {
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

    private void readOrWake() {
        if (!reading) {
            read();
        } else if (keysChanged) {
            wake();
        }
    }

    private void read() {
        if (stopped || connection == null || reading) {
            return;
        }
        Map<String, StreamId> positions = new LinkedHashMap<>();
        for (Feed feed : feeds.values()) {
            if (feed.ready) {
                positions.put(feed.tenant, feed.position);
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
            streams.forEachTenant(ar.result(), this::dispatch);
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

    private void dispatch(String tenant, List<StreamEntry> entries) {
        Feed feed = feeds.get(tenant);
        if (feed == null || !feed.ready || entries.isEmpty()) {
            return;
        }
        Map<FeedMember, List<StreamEntry>> batches = new IdentityHashMap<>();
        for (StreamEntry entry : entries) {
            // A feed re-created during the read starts at a newer position: skip what it has already passed.
            if (!entry.id().isAfter(feed.position)) {
                continue;
            }
            // Numbers start at 1 and rise by one per append; a lower number means the counter expired with an idle
            // stream and started again, which loses nothing.
            if (entry.number() > feed.number + 1) {
                // Entries were trimmed before this read reached them (a burst larger than the retention): every
                // live member is told before it receives what follows, and reconnects or accepts the gap.
                flush(batches);
                feed.live().forEach(member -> member.onLost(entry.id()));
            }
            if (entry.number() > 0) {
                feed.number = entry.number();
            }
            feed.position = entry.id();
            if (entry.sessionId() != null) {
                for (FeedMember member : feed.bySession.getOrDefault(entry.sessionId(), Set.of())) {
                    batches.computeIfAbsent(member, m -> new ArrayList<>()).add(entry);
                }
            }
            for (FeedMember member : feed.broad) {
                if (member.subscription().filter().matches(entry)) {
                    batches.computeIfAbsent(member, m -> new ArrayList<>()).add(entry);
                }
            }
        }
        flush(batches);
    }

    private static void flush(Map<FeedMember, List<StreamEntry>> batches) {
        batches.forEach(FeedMember::onLive);
        batches.clear();
    }

    /** One tenant's stream as tailed here: the position dispatched so far and the members to hand entries to. */
    private static final class Feed {
        final String tenant;
        StreamId position = StreamId.ZERO;
        long number;
        boolean ready;
        final Set<FeedMember> attached = new HashSet<>();
        final Map<String, Set<FeedMember>> bySession = new HashMap<>();
        final Set<FeedMember> broad = new HashSet<>();
        final List<Runnable> waiting = new ArrayList<>();

        Feed(String tenant) {
            this.tenant = tenant;
        }

        Set<FeedMember> live() {
            Set<FeedMember> all = new HashSet<>(broad);
            bySession.values().forEach(all::addAll);
            return all;
        }

        void index(FeedMember member) {
            Set<String> sessions = member.subscription().filter().sessionIds();
            if (sessions.isEmpty()) {
                broad.add(member);
            } else {
                sessions.forEach(s -> bySession.computeIfAbsent(s, k -> new HashSet<>()).add(member));
            }
        }

        void unindex(FeedMember member) {
            broad.remove(member);
            for (String session : member.subscription().filter().sessionIds()) {
                Set<FeedMember> members = bySession.get(session);
                if (members != null) {
                    members.remove(member);
                    if (members.isEmpty()) {
                        bySession.remove(session);
                    }
                }
            }
        }
    }
}
