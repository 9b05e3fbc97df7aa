package com.powerx.devhotload.telemetry.service;

import com.powerx.devhotload.platform.security.ReloadTokenDigest;
import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventSources;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.payload.CliTelemetry;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.ErrorCode;
import com.powerx.devhotload.platform.security.Caller;
import com.powerx.devhotload.telemetry.config.IntakeConfig;
import com.powerx.devhotload.telemetry.domain.IngestResult;
import com.powerx.devhotload.telemetry.domain.RejectedEvent;
import com.powerx.devhotload.telemetry.domain.Rejection;
import com.powerx.devhotload.telemetry.domain.TelemetryBatch;
import com.powerx.devhotload.telemetry.domain.TelemetryEvent;
import com.powerx.devhotload.telemetry.messaging.EventPublisher;
import com.powerx.devhotload.telemetry.messaging.EventPublisher.BrokerUnavailableException;
import com.powerx.devhotload.telemetry.repository.RedisStore.RedisUnavailableException;
import com.powerx.devhotload.telemetry.repository.SessionDirectory;
import com.powerx.devhotload.telemetry.repository.SessionDirectory.KnownSession;
import com.powerx.devhotload.telemetry.repository.SessionDirectory.TokenOwner;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Accepts a telemetry batch for the caller's tenant: resolves who may write for which session, rejects each event that
 * fails with its reason, and publishes the rest on {@code dev.hotload.cli} (acked by the broker before it returns).
 */
@ApplicationScoped
public class TelemetryIntake {

    /** The tenant the batch is written for and, for a reload token, the one session it may name. */
    record WriteScope(String tenant, String boundSession, boolean anyTenant) {
    }

    private final SessionDirectory sessions;
    private final EventPublisher publisher;
    private final IntakeConfig config;

    public TelemetryIntake(SessionDirectory sessions, EventPublisher publisher, IntakeConfig config) {
        this.sessions = sessions;
        this.publisher = publisher;
        this.config = config;
    }

    @WithSpan("TelemetryIntake.ingest")
    public IngestResult ingest(Caller caller, String sessionHeader, TelemetryBatch batch) {
        try {
            WriteScope scope = scopeOf(caller, sessionHeader);
            List<RejectedEvent> rejected = new ArrayList<>(batch.rejected());
            List<CloudEvent> events = new ArrayList<>();
            Map<String, Optional<KnownSession>> known = new HashMap<>();
            for (TelemetryEvent candidate : batch.candidates()) {
                Optional<TelemetryEvent> owned = attribute(candidate, scope, known);
                if (owned.isEmpty()) {
                    rejected.add(RejectedEvent.of(candidate.index(), Rejection.UNKNOWN_SESSION));
                } else {
                    events.add(toCloudEvent(owned.get(), tenantOf(owned.get(), scope, known)));
                }
            }
            publisher.publishAll(events);
            rejected.sort(Comparator.comparingInt(RejectedEvent::index));
            return new IngestResult(events.size(), List.copyOf(rejected));
        } catch (BrokerUnavailableException | RedisUnavailableException e) {
            throw new ApiException(ErrorCode.DEV_UNAVAILABLE, "unavailable", "telemetry store or broker unavailable, retry later",
                    Map.of("retryAfterSeconds", 5), 5L);
        }
    }

    /** A reload token writes only for its own session (named in X-Session-Id); other credentials for their tenant. */
    private WriteScope scopeOf(Caller caller, String sessionHeader) {
        if (caller.kind() == Caller.Kind.RELOAD_TOKEN) {
            if (sessionHeader == null || sessionHeader.isBlank()) {
                throw ApiException.unauthorized("X-Session-Id is required with a reload token");
            }
            TokenOwner owner = awaitToken(ReloadTokenDigest.sha256Hex(caller.reloadToken()));
            if (owner == null || !owner.sessionId().equals(sessionHeader)) {
                throw ApiException.unauthorized("reload token is not valid for this session");
            }
            return new WriteScope(owner.tenant(), owner.sessionId(), false);
        }
        return new WriteScope(caller.requireTenant(), null, caller.isGlobalAdmin());
    }

    /** The event with its session and plugin settled, or empty when it names a session the caller may not write. */
    private Optional<TelemetryEvent> attribute(TelemetryEvent e, WriteScope scope, Map<String, Optional<KnownSession>> known) {
        String sessionId = e.sessionId() != null ? e.sessionId() : scope.boundSession();
        if (sessionId == null) {
            return Optional.of(e);
        }
        if (scope.boundSession() != null && !scope.boundSession().equals(sessionId)) {
            return Optional.empty();
        }
        Optional<KnownSession> session = known.computeIfAbsent(sessionId, id -> Optional.ofNullable(awaitSession(id)));
        if (session.isEmpty() || !(scope.anyTenant() || session.get().tenant().equals(scope.tenant()))) {
            return Optional.empty();
        }
        String plugin = session.get().pluginId() != null ? session.get().pluginId() : e.pluginId();
        return Optional.of(e.forSession(sessionId, plugin));
    }

    private static String tenantOf(TelemetryEvent e, WriteScope scope, Map<String, Optional<KnownSession>> known) {
        if (e.sessionId() == null) {
            return scope.tenant();
        }
        return known.get(e.sessionId()).map(KnownSession::tenant).orElse(scope.tenant());
    }

    private static CloudEvent toCloudEvent(TelemetryEvent e, String tenant) {
        CliTelemetry payload = new CliTelemetry(e.name(), e.timestamp(), e.sessionId(), e.pluginId(), e.value(),
                e.attributes().isEmpty() ? null : e.attributes());
        return CloudEvent.create(EventSources.TELEMETRY_INGEST, EventTypes.cliMetric(e.name()), e.sessionId(), tenant,
                e.pluginId(), e.sessionId(), payload);
    }

    /** Sessions are learned from events that may trail the caller by a moment (a session registered just now). */
    private KnownSession awaitSession(String sessionId) {
        return awaitPresent(() -> sessions.find(sessionId));
    }

    private TokenOwner awaitToken(String sha256) {
        return awaitPresent(() -> sessions.findToken(sha256));
    }

    private <T> T awaitPresent(java.util.function.Supplier<T> lookup) {
        long deadline = System.nanoTime() + config.sessionGrace().toNanos();
        T found = lookup.get();
        while (found == null && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return null;
            }
            found = lookup.get();
        }
        return found;
    }
}
