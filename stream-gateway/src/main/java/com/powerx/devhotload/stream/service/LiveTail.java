package com.powerx.devhotload.stream.service;

import com.powerx.devhotload.stream.StreamEntry;
import com.powerx.devhotload.stream.StreamId;
import com.powerx.devhotload.stream.config.StreamConfig;
import com.powerx.devhotload.stream.repository.ReplayStreamRepository;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The live half of the feed on this replica: one blocking {@code XREAD} loop ({@link TailReader}), on one dedicated
 * Redis connection, over the replay streams of every tenant that has subscribers here ({@link TenantFeed}). Each
 * replica tails Redis itself, so every replica serves its own subscribers, with the ids the stream assigned, whatever
 * Kafka partitions it owns.
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

    private static final long RETRY_DELAY_MS = 1000;

    private final Vertx vertx;
    private final ReplayStreamRepository streams;
    private final StreamMetrics metrics;
    private final Map<String, TenantFeed> feeds = new HashMap<>();
    private final TailReader reader;
    private Context context;

    public LiveTail(Vertx vertx, Redis redis, ReplayStreamRepository streams, StreamConfig config, StreamMetrics metrics) {
        this.vertx = vertx;
        this.streams = streams;
        this.metrics = metrics;
        this.reader = new TailReader(vertx, redis, streams, config, feeds.values(), this::dispatch);
    }

    void start(@Observes StartupEvent event) {
        context = vertx.getOrCreateContext();
        reader.start(context);
    }

    void stop(@Observes ShutdownEvent event) {
        reader.stop();
    }

    /** Registers a member that is about to replay; it keeps its tenant's stream tailed until {@link #detach}. */
    public void attach(FeedMember member) {
        context.runOnContext(v -> {
            String tenant = member.subscription().tenant();
            TenantFeed feed = feeds.get(tenant);
            if (feed == null) {
                feed = new TenantFeed(tenant);
                feeds.put(tenant, feed);
                metrics.tailTenants(feeds.size());
                initialize(feed);
            }
            feed.attach(member);
        });
    }

    /**
     * Asks to receive entries live. {@code cursor} null means "from now on"; otherwise the member has read
     * everything up to {@code cursor} and is {@link JoinOutcome.Behind} if the loop has dispatched beyond it. The
     * answer comes through {@link FeedMember#onJoin}, from this loop, before any entry dispatched after it.
     */
    public void goLive(FeedMember member, StreamId cursor) {
        context.runOnContext(v -> {
            TenantFeed feed = feeds.get(member.subscription().tenant());
            if (feed == null || !feed.isAttached(member)) {
                return; // detached before its turn: the member has ended and expects no answer
            }
            feed.whenReady(() -> feed.join(member, cursor));
        });
    }

    /** Forgets a member; a tenant without members is no longer read. */
    public void detach(FeedMember member) {
        context.runOnContext(v -> {
            String tenant = member.subscription().tenant();
            TenantFeed feed = feeds.get(tenant);
            if (feed == null) {
                return;
            }
            if (feed.detach(member)) {
                feeds.remove(tenant);
                metrics.tailTenants(feeds.size());
                reader.feedDropped();
            }
        });
    }

    /** Finds where the tenant's stream ends now: the feed is read, and members join, from there. */
    private void initialize(TenantFeed feed) {
        streams.tailStart(feed.tenant).onComplete(ar -> context.runOnContext(v -> {
            if (feeds.get(feed.tenant) != feed) {
                return;
            }
            if (ar.failed()) {
                Log.warnf("cannot read the end of tenant %s's stream, retrying: %s", feed.tenant, ar.cause().getMessage());
                vertx.setTimer(RETRY_DELAY_MS, t -> context.runOnContext(v2 -> {
                    if (feeds.get(feed.tenant) == feed) {
                        initialize(feed);
                    }
                }));
                return;
            }
            feed.started(ar.result());
            reader.feedReady();
        }));
    }

    private void dispatch(String tenant, List<StreamEntry> entries) {
        TenantFeed feed = feeds.get(tenant);
        if (feed != null) {
            feed.dispatch(entries);
        }
    }
}
