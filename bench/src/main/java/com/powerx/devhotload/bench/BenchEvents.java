package com.powerx.devhotload.bench;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.contracts.EventSources;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.payload.Alert;
import com.powerx.devhotload.contracts.payload.SessionLog;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Contract events as the suite's producers publish them (CONTRACT.md §9): CloudEvent.create + EventCodec.encode, keyed
 * by {@link CloudEvent#partitionKey()}, with the structured-mode content-type header, sent by a producer configured
 * like libs/platform's EventProducers.create (acks=all, idempotence, lz4, linger 0) — that class itself needs Quarkus
 * on the classpath, which this module does not carry.
 */
final class BenchEvents {

    private static final byte[] CONTENT_TYPE = CloudEvent.KAFKA_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);

    private BenchEvents() {
    }

    static Producer<String, byte[]> producer(String bootstrap) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "px-bench");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    static ProducerRecord<String, byte[]> record(CloudEvent event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(EventTypes.topicOf(event.type()), event.partitionKey(),
                EventCodec.encode(event));
        record.headers().add(new RecordHeader(CloudEvent.KAFKA_CONTENT_TYPE_HEADER, CONTENT_TYPE));
        return record;
    }

    /**
     * A session's log lines as the orchestrator publishes them, spread evenly over the {@code spanMillis} before
     * {@code end} (a session logging for minutes before its alert), the last line at {@code end}.
     */
    static List<ProducerRecord<String, byte[]>> logs(String tenant, String plugin, String session, List<LogMix.Line> lines,
                                                     Instant end, long spanMillis) {
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            Instant at = end.minusMillis(spanMillis * (lines.size() - 1 - i) / Math.max(1, lines.size() - 1));
            LogMix.Line line = lines.get(i);
            CloudEvent e = CloudEvent.create(EventSources.SANDBOX_ORCHESTRATOR, EventTypes.SESSION_LOG, session, tenant, plugin, session,
                    new SessionLog(at, line.level(), line.level().equals("error") ? "stderr" : "stdout", line.message(), null, null));
            out.add(record(new CloudEvent(e.specversion(), e.id(), e.source(), e.type(), e.subject(), CloudEvent.formatTime(at),
                    e.datacontenttype(), e.tenantid(), e.pluginid(), e.sessionid(), null, e.data())));
        }
        return out;
    }

    /** A reload-failure-streak alert as telemetry-ingest raises it; its {@code time} is the moment of this call. */
    static CloudEvent alert(String tenant, String plugin, String session, String severity, Instant firstSeen) {
        String alertId = UUID.randomUUID().toString();
        Alert payload = new Alert(alertId, "reload-failure-streak", severity, session, plugin, tenant, 5, firstSeen, Instant.now(),
                "5 consecutive failed reloads of " + plugin);
        return CloudEvent.create(EventSources.TELEMETRY_INGEST, EventTypes.ALERT_RAISED, session, tenant, plugin, session, payload);
    }
}
