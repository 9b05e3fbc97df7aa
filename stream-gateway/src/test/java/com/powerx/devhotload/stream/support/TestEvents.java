package com.powerx.devhotload.stream.support;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.contracts.EventSources;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.payload.Alert;
import com.powerx.devhotload.contracts.payload.Reloaded;
import com.powerx.devhotload.contracts.payload.SessionExpired;
import com.powerx.devhotload.contracts.payload.SessionLog;
import com.powerx.devhotload.contracts.payload.SessionRegistered;
import com.powerx.devhotload.contracts.payload.SessionTerminated;
import com.powerx.devhotload.contracts.payload.SessionUpdated;
import com.powerx.devhotload.platform.kafka.EventProducers;
import org.apache.kafka.clients.producer.Producer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;

/** Builds contract events and publishes them to the real Kafka topics, as the other services would. */
public final class TestEvents {

    private static Producer<String, byte[]> producer;
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestEvents() {
    }

    private static synchronized Producer<String, byte[]> producer() {
        if (producer == null) {
            String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
            producer = EventProducers.create(bootstrap, "stream-gateway-test");
        }
        return producer;
    }

    /** Publishes and waits for the broker's acknowledgement. */
    public static void publish(CloudEvent... events) {
        publishAll(List.of(events));
    }

    public static void publishAll(List<CloudEvent> events) {
        List<Future<?>> acks = new ArrayList<>();
        for (CloudEvent event : events) {
            acks.add(send(event));
        }
        for (Future<?> ack : acks) {
            try {
                ack.get();
            } catch (Exception e) {
                throw new IllegalStateException("publish failed", e);
            }
        }
    }

    /** Sends without waiting (for publishers that keep publishing). */
    public static Future<?> send(CloudEvent event) {
        return producer().send(EventProducers.record(EventTypes.topicOf(event.type()), event.partitionKey(),
                EventCodec.encode(event)));
    }

    /** A session as session-service announced it: its tenant, id and reload token. */
    public record TestSession(String tenant, String id, String token) {
    }

    /** Registers a new session of a new tenant (publishes {@code dev.session.registered}) and returns it. */
    public static TestSession startSession(String tenantPrefix, String pluginId) {
        TestSession session = new TestSession(newTenant(tenantPrefix), newSessionId(), newReloadToken());
        publish(registered(session.tenant(), session.id(), pluginId, "dev", session.token()));
        return session;
    }

    public static String newSessionId() {
        return UUID.randomUUID().toString();
    }

    public static String newTenant(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A reload token shaped like session-service's: 24 random bytes, base64url without padding. */
    public static String newReloadToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static CloudEvent registered(String tenant, String sessionId, String pluginId, String developer, String token) {
        SessionRegistered payload = new SessionRegistered(sessionId, tenant, developer, pluginId, "1.0.0", "external",
                null, null, null, null, sha256(token), Instant.now().plusSeconds(900), null, "active");
        return CloudEvent.create(EventSources.SESSION_SERVICE, EventTypes.SESSION_REGISTERED, sessionId, tenant, pluginId,
                sessionId, payload);
    }

    public static CloudEvent resumed(String tenant, String sessionId, String pluginId, String newToken) {
        SessionUpdated payload = new SessionUpdated(sessionId, "active", "ready", null, null,
                Instant.now().plusSeconds(900), sha256(newToken), null, "resumed");
        return CloudEvent.create(EventSources.SESSION_SERVICE, EventTypes.SESSION_UPDATED, sessionId, tenant, pluginId,
                sessionId, payload);
    }

    public static CloudEvent terminated(String tenant, String sessionId, String pluginId) {
        SessionTerminated payload = new SessionTerminated(sessionId, "developer", "done", "dev", Instant.now());
        return CloudEvent.create(EventSources.SESSION_SERVICE, EventTypes.SESSION_TERMINATED, sessionId, tenant, pluginId,
                sessionId, payload);
    }

    public static CloudEvent expired(String tenant, String sessionId, String pluginId) {
        SessionExpired payload = new SessionExpired(sessionId, Instant.now().minusSeconds(900), Instant.now());
        return CloudEvent.create(EventSources.SESSION_SERVICE, EventTypes.SESSION_EXPIRED, sessionId, tenant, pluginId,
                sessionId, payload);
    }

    public static CloudEvent log(String tenant, String sessionId, String pluginId, String message) {
        SessionLog payload = new SessionLog(Instant.now(), "info", "stdout", message, 3L, null);
        return CloudEvent.create(EventSources.SANDBOX_ORCHESTRATOR, EventTypes.SESSION_LOG, sessionId, tenant, pluginId,
                sessionId, payload);
    }

    public static CloudEvent reloaded(String tenant, String sessionId, String pluginId, long sequence) {
        Reloaded payload = new Reloaded(sequence, 42, null, List.of("index.mjs"), "sha256:abc", null);
        return CloudEvent.create(EventSources.SANDBOX_ORCHESTRATOR, EventTypes.RELOADED, sessionId, tenant, pluginId,
                sessionId, payload);
    }

    public static CloudEvent alert(String tenant, String sessionId, String pluginId) {
        Alert payload = new Alert(UUID.randomUUID().toString(), "reload-failure-streak", "critical", sessionId, pluginId,
                tenant, 5, Instant.now(), Instant.now(), "5 failed reloads");
        return CloudEvent.create(EventSources.TELEMETRY_INGEST, EventTypes.ALERT_RAISED, pluginId, tenant, pluginId,
                sessionId, payload);
    }
}
