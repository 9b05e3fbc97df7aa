package com.powerx.devhotload.telemetry;

import com.powerx.devhotload.platform.security.ReloadTokenDigest;
import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventSources;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.payload.ReloadError;
import com.powerx.devhotload.contracts.payload.ReloadFailure;
import com.powerx.devhotload.contracts.payload.ReloadPhases;
import com.powerx.devhotload.contracts.payload.Reloaded;
import com.powerx.devhotload.contracts.payload.SandboxCrashed;
import com.powerx.devhotload.contracts.payload.SessionRegistered;
import com.powerx.devhotload.contracts.payload.SessionTerminated;
import com.powerx.devhotload.devstack.DevStack;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.platform.kafka.EventProducers;
import org.apache.kafka.clients.producer.Producer;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * What session-service and the orchestrator publish, on the real topics: telemetry-ingest's inputs are
 * {@code dev.session.lifecycle} and {@code dev.session.sandbox}, so the tests drive it there.
 */
public final class SessionEvents {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionEvents() {
    }

    public static String bootstrap() {
        return DevStack.shared().kafka().bootstrapServers();
    }

    public static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static CloudEvent registered(String tenant, String plugin, String sessionId, String token) {
        return CloudEvent.create(EventSources.SESSION_SERVICE, EventTypes.SESSION_REGISTERED, sessionId, tenant, plugin, sessionId,
                new SessionRegistered(sessionId, tenant, "dev-1", plugin, "1.0.0", "node", "index.mjs", List.of(), null, null,
                        ReloadTokenDigest.sha256Hex(token), Instant.now().plus(1, ChronoUnit.HOURS), List.of(), "active"));
    }

    public static CloudEvent terminated(String tenant, String plugin, String sessionId) {
        return CloudEvent.create(EventSources.SESSION_SERVICE, EventTypes.SESSION_TERMINATED, sessionId, tenant, plugin, sessionId,
                new SessionTerminated(sessionId, "developer", null, "dev-1", Instant.now()));
    }

    public static CloudEvent reloaded(String tenant, String plugin, String sessionId, long sequence, long durationMs) {
        return CloudEvent.create(EventSources.SANDBOX_ORCHESTRATOR, EventTypes.RELOADED, sessionId, tenant, plugin, sessionId,
                new Reloaded(sequence, durationMs, new ReloadPhases(1L, 1L, 30L, 5L, 1L, 4L), List.of("index.mjs"), null, null));
    }

    public static CloudEvent rolledBack(String tenant, String plugin, String sessionId, long sequence) {
        return CloudEvent.create(EventSources.SANDBOX_ORCHESTRATOR, EventTypes.ROLLED_BACK, sessionId, tenant, plugin, sessionId,
                new ReloadFailure(sequence, new ReloadError("SyntaxError: Unexpected token", "at index.mjs:1", "load"), 17L,
                        sequence - 1, null)).withTraceparent("00-" + UUID.randomUUID().toString().replace("-", "") + "-00f067aa0ba902b7-01");
    }

    public static CloudEvent crashed(String tenant, String plugin, String sessionId, int restarts) {
        return CloudEvent.create(EventSources.SANDBOX_ORCHESTRATOR, EventTypes.SANDBOX_CRASHED, sessionId, tenant, plugin, sessionId,
                new SandboxCrashed(1, null, restarts, true, "process exited with code 1", 1000L));
    }

    /** Registers a live session and returns its reload token. */
    public static String register(String tenant, String plugin, String sessionId) {
        String token = newToken();
        publish(registered(tenant, plugin, sessionId, token));
        return token;
    }

    /** Publishes in order, as the services do (acks=all, keyed by session), waiting for every ack. */
    public static synchronized void publish(CloudEvent... events) {
        if (producer == null) {
            producer = EventProducers.create(bootstrap(), "telemetry-ingest-test");
        }
        try {
            for (CloudEvent e : events) {
                producer.send(EventProducers.record(EventTypes.topicOf(e.type()), e.partitionKey(), EventCodec.encode(e))).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("publish failed", e);
        }
    }

    private static Producer<String, byte[]> producer;
}
