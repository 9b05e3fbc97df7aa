package com.powerx.devhotload.platform;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.Topics;
import com.powerx.devhotload.platform.messaging.EventHandler;
import com.powerx.devhotload.platform.messaging.IdempotentConsumer;
import com.powerx.devhotload.platform.outbox.Outbox;
import com.powerx.devhotload.platform.outbox.TransactionalOutbox;
import com.powerx.devhotload.platform.tracing.Traceparent;
import io.quarkus.opentelemetry.runtime.exporter.otlp.tracing.LateBoundSpanProcessor;
import io.quarkus.opentelemetry.runtime.exporter.otlp.tracing.RemoveableLateBoundSpanProcessor;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One trace per user action (docs/tracing.md): an event appended while handling a traced HTTP call or a traced event
 * carries that trace, as the CloudEvent attribute and the Kafka header; and nothing is exported without an endpoint.
 */
@QuarkusTest
class EventTracingTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

    @Inject
    TransactionalOutbox outbox;

    @Inject
    LateBoundSpanProcessor otlpSpans;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void eventsOfATracedCallCarryItsTraceOnTheEventAndTheKafkaHeader() {
        String session = UUID.randomUUID().toString();
        given().header("traceparent", CALLER).queryParam("count", 2).queryParam("session", session)
                .when().post("/test/outbox").then().statusCode(202);

        List<ConsumerRecord<String, byte[]>> records = consume(session, 2);
        assertThat(records).hasSize(2).allSatisfy(record -> {
            String traceparent = EventCodec.decode(record.value()).traceparent();
            assertThat(Traceparent.traceId(traceparent)).isEqualTo(TRACE_ID);
            assertThat(traceparent).isNotEqualTo(CALLER); // the server's own span, a child of the caller's
            Header header = record.headers().lastHeader("traceparent");
            assertThat(header).isNotNull();
            assertThat(new String(header.value(), StandardCharsets.UTF_8)).isEqualTo(traceparent);
        });
    }

    @Test
    void eventsAHandlerAppendsContinueTheTraceOfTheEventItHandles() {
        String session = UUID.randomUUID().toString();
        CloudEvent cause = updated(session, 0).withTraceparent(CALLER);
        // The effect appends after a database round trip, where no span is current any more.
        EventHandler handler = new EventHandler() {
            @Override
            public String consumerName() {
                return "tracing-test";
            }

            @Override
            public Uni<Void> handle(SqlClient tx, CloudEvent event) {
                return tx.query("SELECT 1").execute().flatMap(rows -> Outbox.append(tx, updated(session, 1)));
            }
        };

        assertThat(IdempotentConsumer.consume(outbox, EventCodec.encode(cause), handler).await().atMost(Duration.ofSeconds(20))).isTrue();

        CloudEvent caused = EventCodec.decode(consume(session, 1).getFirst().value());
        assertThat(Traceparent.traceId(caused.traceparent())).isEqualTo(TRACE_ID);
    }

    @Test
    void anEventMadeOutsideAnyTraceHasNoTraceparent() {
        String session = UUID.randomUUID().toString();
        outbox.inTransaction(tx -> Outbox.append(tx, updated(session, 0))).await().atMost(Duration.ofSeconds(20));

        ConsumerRecord<String, byte[]> record = consume(session, 1).getFirst();
        assertThat(EventCodec.decode(record.value()).traceparent()).isNull();
        assertThat(record.headers().lastHeader("traceparent")).isNull();
    }

    @Test
    void withoutAnEndpointNoSpanIsExported() {
        // PX_OTEL_ENDPOINT is unset here: Quarkus must install its placeholder, not an OTLP exporter that would try
        // localhost:4317 and log a failure every few seconds.
        assertThat(otlpSpans).isSameAs(RemoveableLateBoundSpanProcessor.INSTANCE);
    }

    private static CloudEvent updated(String session, int n) {
        return CloudEvent.create("/platform-test", EventTypes.SESSION_UPDATED, session, "t1", "com.acme.p", session,
                Map.of("sessionId", session, "status", "active", "n", n));
    }

    private List<ConsumerRecord<String, byte[]>> consume(String sessionKey, int count) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "tracing-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.SESSION_LIFECYCLE));
            long deadline = System.currentTimeMillis() + 20_000;
            while (records.size() < count && System.currentTimeMillis() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (sessionKey.equals(record.key())) {
                        records.add(record);
                    }
                }
            }
        }
        return records;
    }
}
