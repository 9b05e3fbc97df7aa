package com.powerx.devhotload.stream.bench;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.contracts.EventSources;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.payload.SessionLog;
import com.powerx.devhotload.contracts.payload.SessionRegistered;
import org.apache.kafka.clients.producer.Producer;
import com.powerx.devhotload.platform.kafka.EventProducers;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Future;

/**
 * The benchmark's events: real contract events whose log message carries the run, a sequence number and the
 * {@code System.nanoTime()} of the send, so that the same process can time it at the SSE client and at a plain
 * Kafka consumer.
 */
final class BenchEvents {

    static final String PLUGIN = "com.acme.bench";
    private static final String MARK = "\"message\":\"bench ";

    private BenchEvents() {
    }

    static Future<?> sendLog(Producer<String, byte[]> producer, String tenant, String session, String run, long seq) {
        SessionLog payload = new SessionLog(Instant.now(), "info", "stdout",
                "bench " + run + " " + seq + " " + System.nanoTime(), seq, null);
        CloudEvent event = CloudEvent.create(EventSources.SANDBOX_ORCHESTRATOR, EventTypes.SESSION_LOG, session, tenant,
                PLUGIN, session, payload);
        return producer.send(EventProducers.record(EventTypes.topicOf(event.type()), session, EventCodec.encode(event)));
    }

    static Future<?> sendRegistered(Producer<String, byte[]> producer, String tenant, String session) {
        SessionRegistered payload = new SessionRegistered(session, tenant, "bench", PLUGIN, "1.0.0", "external", null,
                null, null, null, UUID.randomUUID().toString().replace("-", ""), Instant.now().plusSeconds(3600), null, "active");
        CloudEvent event = CloudEvent.create(EventSources.SESSION_SERVICE, EventTypes.SESSION_REGISTERED, session, tenant,
                PLUGIN, session, payload);
        return producer.send(EventProducers.record(EventTypes.topicOf(event.type()), session, EventCodec.encode(event)));
    }

    /** A bench message found in {@code text} (a frame or a raw Kafka record): its run, sequence and send time. */
    record Mark(String run, long seq, long sentNanos) {
    }

    static Mark find(String text) {
        int at = text.indexOf(MARK);
        if (at < 0) {
            return null;
        }
        int start = at + MARK.length();
        int end = text.indexOf('"', start);
        String[] parts = text.substring(start, end).split(" ");
        return parts.length == 3 ? new Mark(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2])) : null;
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
