package com.powerx.devhotload.session.service;

import com.powerx.devhotload.platform.outbox.TransactionalOutbox;
import com.powerx.devhotload.session.repository.ReloadRepository;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;

/**
 * {@code ?wait=N}: polls the reload's row until the sandbox reported an outcome or the wait elapsed. Polling the
 * database rather than listening for the event works whichever replica consumed the orchestrator's report.
 */
@ApplicationScoped
public class ReloadWaiter {

    private static final Duration POLL = Duration.ofMillis(20);

    private final TransactionalOutbox outbox;
    private final ReloadRepository reloads;

    public ReloadWaiter(TransactionalOutbox outbox, ReloadRepository reloads) {
        this.outbox = outbox;
        this.reloads = reloads;
    }

    @WithSpan("ReloadWaiter.awaitOutcome")
    public Uni<ReloadOutcome> awaitOutcome(ReloadOutcome accepted, Duration wait) {
        return poll(accepted, Instant.now().plus(wait));
    }

    private Uni<ReloadOutcome> poll(ReloadOutcome accepted, Instant deadline) {
        return outbox.pool().withConnection(c -> reloads.find(c, accepted.sessionId(), accepted.sequence()))
                .flatMap(r -> {
                    if (r != null && r.result() != null) {
                        return Uni.createFrom().item(accepted.withOutcome(new ReloadOutcome.SandboxOutcome(r.result(), r.durationMs(), r.resultError())));
                    }
                    if (Instant.now().isAfter(deadline)) {
                        return Uni.createFrom().item(accepted);
                    }
                    return Uni.createFrom().nullItem().onItem().delayIt().by(POLL).flatMap(x -> poll(accepted, deadline));
                });
    }
}
