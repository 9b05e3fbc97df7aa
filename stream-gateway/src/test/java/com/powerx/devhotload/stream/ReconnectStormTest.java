package com.powerx.devhotload.stream;

import com.powerx.devhotload.devstack.DevStackResource;
import com.powerx.devhotload.stream.support.GatewayTest;
import com.powerx.devhotload.stream.support.Poll;
import com.powerx.devhotload.stream.support.Soak;
import com.powerx.devhotload.stream.support.SseClient;
import com.powerx.devhotload.stream.support.TestEvents;
import com.powerx.devhotload.stream.support.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that connect and vanish by the thousand (tabs closed, CLIs restarted, a proxy flapping) leave nothing
 * behind: no subscriber, no tailed tenant, no extra Redis connection. The 10,000-cycle figure is in the benchmark.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "redis", value = "true"))
class ReconnectStormTest extends GatewayTest {

    private static final int CYCLES = 1000;
    private static final String PLUGIN = "com.acme.storm";

    @Inject
    Redis redis;

    @Test
    void aReconnectStormLeavesNoSubscriberTailOrConnectionBehind() throws Exception {
        TestEvents.TestSession started = TestEvents.startSession("storm", PLUGIN);
        String tenant = started.tenant();
        String session = started.id();
        String reloadToken = started.token();
        openWhenKnown(q("sessionId", session), SseClient.bearer(reloadToken)).close();
        awaitIdle();
        long tailConnectionsBefore = tailConnections();

        AtomicBoolean publishing = new AtomicBoolean(true);
        Thread publisher = Thread.ofPlatform().start(() -> {
            int i = 0;
            while (publishing.get()) {
                TestEvents.send(TestEvents.log(tenant, session, PLUGIN, "storm " + i++));
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        String admin = Tokens.admin(tenant);
        List<Map<String, String>> credentials = List.of(SseClient.bearer(admin), SseClient.bearer(reloadToken),
                Map.of("Cookie", "px_token=" + admin));
        List<String> queries = List.of("", q("sessionId", session), q("last_event_id", "0"),
                q("sessionId", session) + "&" + q("types", "dev.session.log"));
        AtomicInteger opened = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<?>> work = new ArrayList<>();
        try {
            for (int i = 0; i < CYCLES; i++) {
                int n = i;
                work.add(clients.submit(() -> {
                    Map<String, String> headers = credentials.get(n % credentials.size());
                    String query = headers == credentials.get(1) ? q("sessionId", session) : queries.get(n % queries.size());
                    try (SseClient client = stream(query, headers)) {
                        if (client.status() == 200) {
                            opened.incrementAndGet();
                            client.next(Duration.ofSeconds(5)); // the retry frame; some leave mid-replay
                            if (n % 3 == 0) {
                                client.nextEvent(Duration.ofMillis(200));
                            }
                        }
                    }
                }));
            }
            for (Future<?> f : work) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            clients.shutdownNow();
            publishing.set(false);
            publisher.join();
        }
        assertThat(opened.get()).isEqualTo(CYCLES);
        awaitIdle();
        assertThat(tailConnections()).isEqualTo(tailConnectionsBefore).isEqualTo(1);
    }

    /** The same, {@code -Dstream.soak=<rounds>} times in a row ({@code bench/stream/soak}); skipped otherwise. */
    @TestFactory
    @EnabledIfSystemProperty(named = Soak.ROUNDS, matches = "[1-9][0-9]*")
    Stream<DynamicTest> reconnectStormSoak() {
        return Soak.rounds("reconnect storm", this::aReconnectStormLeavesNoSubscriberTailOrConnectionBehind);
    }

    private long tailConnections() throws Exception {
        String clients = redis.send(Request.cmd(Command.CLIENT).arg("LIST")).toCompletionStage().toCompletableFuture()
                .get(5, TimeUnit.SECONDS).toString();
        return clients.lines().filter(line -> line.contains("name=px-stream-tail")).count();
    }

    private void awaitIdle() {
        assertThat(Poll.until(WAIT, () -> metric("dev_hotload_stream_subscribers") == 0))
                .as("subscribers back to 0, now %s", metric("dev_hotload_stream_subscribers")).isTrue();
        assertThat(Poll.until(WAIT, () -> metric("dev_hotload_stream_tail_tenants") == 0))
                .as("no tenant tailed, now %s", metric("dev_hotload_stream_tail_tenants")).isTrue();
    }
}
