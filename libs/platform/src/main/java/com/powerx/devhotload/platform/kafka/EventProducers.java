package com.powerx.devhotload.platform.kafka;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.powerx.devhotload.contracts.CloudEvent;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The one way services build a Kafka producer: acks=all and idempotence, as docs/architecture.md requires. */
public final class EventProducers {

    private EventProducers() {
    }

    public static Producer<String, byte[]> create(String bootstrapServers, String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5); // ≤ 5 keeps per-partition order with idempotence
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.putAll(KafkaClientSecurity.settings());
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** A record in the wire format of CONTRACT.md §9: an encoded CloudEvent with its structured-mode content type. */
    public static ProducerRecord<String, byte[]> record(String topic, String key, byte[] encodedEvent) {
        return record(topic, key, encodedEvent, null);
    }

    /**
     * The same, with the event's W3C trace context also as the {@code traceparent} header (when it has one), so tools
     * that read Kafka headers (the connector's tracing, a broker UI) see the trace without decoding the event.
     */
    public static ProducerRecord<String, byte[]> record(String topic, String key, byte[] encodedEvent, String traceparent) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, encodedEvent);
        record.headers().add(new RecordHeader(CloudEvent.KAFKA_CONTENT_TYPE_HEADER, CONTENT_TYPE));
        if (traceparent != null) {
            record.headers().add(new RecordHeader(TRACEPARENT_HEADER, traceparent.getBytes(StandardCharsets.UTF_8)));
        }
        return record;
    }

    /** The Kafka header of the W3C trace context (the CloudEvents Kafka binding maps the attribute to this name). */
    public static final String TRACEPARENT_HEADER = "traceparent";

    private static final byte[] CONTENT_TYPE = CloudEvent.KAFKA_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);
}
