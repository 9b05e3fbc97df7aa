package com.powerx.devhotload.session.messaging;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.contracts.InvalidEventException;
import com.powerx.devhotload.session.service.SandboxReports;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Duration;

/**
 * Keeps sessions current from the orchestrator's {@code dev.session.sandbox} events. A record is acknowledged only
 * after its effect committed (retried with backoff while the database is away); a malformed record is logged and
 * skipped, since no retry could ever apply it.
 */
@ApplicationScoped
public class SandboxEventConsumer {

    private final SandboxReports reports;

    public SandboxEventConsumer(SandboxReports reports) {
        this.reports = reports;
    }

    @Incoming("sandbox-events")
    public Uni<Void> consume(byte[] record) {
        CloudEvent event;
        try {
            event = EventCodec.decode(record);
        } catch (InvalidEventException e) {
            Log.warnf("skipping malformed sandbox event: %s", e.getMessage());
            return Uni.createFrom().voidItem();
        }
        return reports.apply(event)
                .onFailure(e -> !(e instanceof InvalidEventException || e instanceof IllegalArgumentException))
                .retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5)).indefinitely()
                .onFailure().invoke(e -> Log.warnf("skipping sandbox event %s: %s", event.id(), e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
