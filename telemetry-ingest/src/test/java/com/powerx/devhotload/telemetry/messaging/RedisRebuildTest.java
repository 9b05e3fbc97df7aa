package com.powerx.devhotload.telemetry.messaging;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.Topics;
import com.powerx.devhotload.devstack.DevStack;
import com.powerx.devhotload.devstack.DevStackResource;
import com.powerx.devhotload.devstack.EventProbe;
import com.powerx.devhotload.telemetry.Eventually;
import com.powerx.devhotload.telemetry.SessionEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis loses all its data mid-streak: at the next partition assignment the consumer finds no state marker, replays
 * the topics, and the streak (and the session directory, and the rollups) are back — the 5th failure still fires once.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "redis", value = "true"))
class RedisRebuildTest {

    @Test
    void aStreakSurvivesRedisLosingItsData() throws Exception {
        String session = UUID.randomUUID().toString();
        SessionEvents.register("local", "plugin-wipe", session);
        Eventually.sessionKnown("local", session);
        for (int i = 1; i <= 3; i++) {
            SessionEvents.publish(SessionEvents.rolledBack("local", "plugin-wipe", session, i));
        }
        Eventually.failedReloads("local", session, 3);

        flushRedis();
        assertThat(summary(session).getInt("data.sessionsActive")).isZero();
        forceRebalance();
        Eventually.until(() -> summary(session).getInt("data.sessionsActive") == 1
                && summary(session).getInt("data.reloads.failed") == 3, Duration.ofSeconds(60), "the rebuild");

        Predicate<CloudEvent> raised = e -> e.type().equals(EventTypes.ALERT_RAISED) && session.equals(e.sessionid());
        try (EventProbe probe = EventProbe.open(SessionEvents.bootstrap(), Topics.DEBUG_ALERT)) {
            SessionEvents.publish(SessionEvents.rolledBack("local", "plugin-wipe", session, 4));
            Eventually.failedReloads("local", session, 4);
            assertThat(probe.during(raised, Duration.ofSeconds(2))).isEmpty();
            SessionEvents.publish(SessionEvents.rolledBack("local", "plugin-wipe", session, 5));
            assertThat(probe.await(raised, 1, Duration.ofSeconds(20))).hasSize(1);
        }
    }

    private static JsonPath summary(String session) {
        return JsonPath.from(given().get("/api/telemetry/summary?window=1h&sessionId=" + session).asString());
    }

    private static void flushRedis() throws IOException {
        URI uri = URI.create(DevStack.shared().redis().uri());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.getOutputStream().write("*1\r\n$8\r\nFLUSHALL\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            byte[] reply = new byte[5];
            assertThat(socket.getInputStream().read(reply)).isPositive();
            assertThat((char) reply[0]).isEqualTo('+');
        }
    }

    /** A member joining the service's group (on a topic the service does not read) makes it get its partitions again. */
    private static void forceRebalance() {
        try (var member = new KafkaConsumer<byte[], byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SessionEvents.bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "telemetry-ingest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            member.subscribe(List.of(Topics.SESSION_LOG));
            long deadline = System.currentTimeMillis() + 30_000;
            while (member.assignment().isEmpty() && System.currentTimeMillis() < deadline) {
                member.poll(Duration.ofMillis(100));
            }
        }
    }
}
