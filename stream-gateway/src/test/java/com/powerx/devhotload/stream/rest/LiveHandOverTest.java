package com.powerx.devhotload.stream.rest;

import com.powerx.devhotload.stream.EventFilter;
import com.powerx.devhotload.stream.FrameStyle;
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
import com.powerx.devhotload.stream.support.SseClient;
import com.powerx.devhotload.stream.support.SseFrame;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replay → live hand-over of one connection, against a tail scripted into the interleaving that lost a run of
 * entries (ReplayTest, issue #11): the tail decides the join and hands over the next run before the connection's
 * event loop has taken the answer.
 */
class LiveHandOverTest {

    private static final long MS = 1_800_000_000_000L;

    private final StreamConfig config = new SmallRyeConfigBuilder().withMapping(StreamConfig.class)
            .withConverter(Duration.class, 100, new DurationConverter()).build()
            .getConfigMapping(StreamConfig.class);
    private final StreamMetrics metrics = new StreamMetrics(new SimpleMeterRegistry());
    private Vertx vertx;
    /** The tail's event loop: always another thread than the connection's, as in the gateway. */
    private Vertx tailLoop;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        tailLoop = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        tailLoop.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void resumingTakesTheRunHandedOverWithTheJoin() throws Exception {
        // Entries 1-3 are stored; the client resumes after 1, replays 2-3, then 4-8 come live in one run.
        StoredStream stream = new StoredStream(entries(1, 3));
        ScriptedTail tail = new ScriptedTail(stream, List.of(), entries(4, 8));
        assertThat(receive(tail, stream, new StreamId(MS, 1), 7)).containsExactlyElementsOf(ids(2, 8));
    }

    @Test
    void aMemberBehindTheTailReplaysWhatItPassedThenTakesTheRun() throws Exception {
        // While the client replays 2-3, the tail reads 4-5: it answers "behind", the client replays 4-5 and asks
        // again, and 6-8 come live.
        StoredStream stream = new StoredStream(entries(1, 3));
        ScriptedTail tail = new ScriptedTail(stream, entries(4, 5), entries(6, 8));
        assertThat(receive(tail, stream, new StreamId(MS, 1), 7)).containsExactlyElementsOf(ids(2, 8));
    }

    @Test
    void liveFromNowTakesTheRunHandedOverWithTheJoin() throws Exception {
        StoredStream stream = new StoredStream(entries(1, 3));
        ScriptedTail tail = new ScriptedTail(stream, List.of(), entries(4, 8));
        assertThat(receive(tail, stream, null, 5)).containsExactlyElementsOf(ids(4, 8));
    }

    /** Event type and id of each data frame a client reads: the first {@code count}, then any other within 200 ms. */
    private List<String> receive(ScriptedTail tail, StoredStream stream, StreamId cursor, int count) throws Exception {
        int port = serve(tail, stream, cursor);
        try (SseClient client = SseClient.open("http://127.0.0.1:" + port + "/", Map.of())) {
            List<SseFrame> frames = new ArrayList<>(client.events(count, Duration.ofSeconds(5)));
            SseFrame more;
            while ((more = client.nextEvent(Duration.ofMillis(200))) != null) {
                frames.add(more);
            }
            return frames.stream().map(f -> f.event() + " " + f.id()).toList();
        }
    }

    private int serve(LiveTail tail, ReplayStreamRepository streams, StreamId cursor) throws Exception {
        Subscription subscription = new Subscription("t", new EventFilter(Set.of(), null, List.of()), FrameStyle.EVENTS, null);
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            Context context = vertx.getOrCreateContext();
            new SseConnection(vertx, context, request.response(), subscription, tail, streams, config, metrics, () -> { })
                    .open(cursor);
        });
        return server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    }

    private static List<StreamEntry> entries(long first, long last) {
        List<StreamEntry> entries = new ArrayList<>();
        for (long n = first; n <= last; n++) {
            entries.add(new StreamEntry(new StreamId(MS, n), "dev.session.log", "s", "p", 0, "{\"n\":" + n + "}"));
        }
        return entries;
    }

    private static List<String> ids(long first, long last) {
        return entries(first, last).stream().map(e -> "dev.session.log " + e.id()).toList();
    }

    /** A tenant's replay stream; the scripted tail appends to it. */
    private final class StoredStream extends ReplayStreamRepository {
        private final List<StreamEntry> entries;

        StoredStream(List<StreamEntry> entries) {
            super(null, config);
            this.entries = new CopyOnWriteArrayList<>(entries);
        }

        void append(List<StreamEntry> more) {
            entries.addAll(more);
        }

        StreamId newest() {
            return entries.getLast().id();
        }

        @Override
        public Future<ReplayPage> page(String tenant, StreamId after, int count) {
            List<StreamEntry> page = entries.stream().filter(e -> e.id().isAfter(after)).limit(count).toList();
            return Future.succeededFuture(new ReplayPage(entries.getLast().number(), page));
        }
    }

    /**
     * A tail on an event loop of its own that, asked to go live, first takes {@code passed} (entries it read while
     * the member was replaying: the member is then behind), and once the member has caught up joins it and hands
     * over {@code run} in the same task. The connection's thread is held inside {@code goLive} until that task is
     * done, as when that thread is descheduled right after the call: the interleaving that lost a run.
     */
    private final class ScriptedTail extends LiveTail {
        private final StoredStream stream;
        private final List<StreamEntry> passed;
        private final List<StreamEntry> run;
        private final Context own = tailLoop.getOrCreateContext();
        private boolean passedRead;

        ScriptedTail(StoredStream stream, List<StreamEntry> passed, List<StreamEntry> run) {
            super(vertx, null, null, config, metrics);
            this.stream = stream;
            this.passed = passed;
            this.run = run;
        }

        @Override
        public void attach(FeedMember member) {
        }

        @Override
        public void detach(FeedMember member) {
        }

        @Override
        public void goLive(FeedMember member, StreamId cursor) {
            CountDownLatch decided = new CountDownLatch(1);
            own.runOnContext(v -> {
                if (!passedRead) {
                    passedRead = true;
                    stream.append(passed);
                }
                StreamId position = stream.newest();
                if (cursor != null && position.isAfter(cursor)) {
                    member.onJoin(new JoinOutcome.Behind(position));
                } else {
                    member.onJoin(new JoinOutcome.Joined(cursor == null ? position : cursor));
                    stream.append(run);
                    member.onLive(run);
                }
                decided.countDown();
            });
            try {
                decided.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
