package com.powerx.devhotload.ticket.service;

import com.powerx.devhotload.platform.work.LeasedWork;
import com.powerx.devhotload.ticket.config.TicketsConfig;
import com.powerx.devhotload.ticket.domain.TicketAction;
import com.powerx.devhotload.ticket.repository.ActionRepository;
import com.powerx.devhotload.ticket.repository.TicketRepository;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import java.time.Duration;

/**
 * Performs queued actions on {@code px.tickets.workers} threads under leases it renews ({@link LeasedWork}): rows left
 * by a killed instance are taken up when their lease runs out, and at once by an instance restarted under the same
 * {@code PX_INSTANCE_ID}.
 */
@ApplicationScoped
public class ActionWorker {

    private static final Duration DB = Duration.ofSeconds(10);

    private final Pool pool;
    private final ActionRepository actions;
    private final TicketRepository tickets;
    private final TicketMetrics metrics;
    private final TicketsConfig config;
    private final LeasedWork<TicketAction> work;

    // Instance<>: the execution depends on the queue, which nudges this worker; resolved lazily to avoid a cycle.
    public ActionWorker(Pool pool, ActionRepository actions, TicketRepository tickets, TicketMetrics metrics, TicketsConfig config,
                        Instance<ActionExecution> execution) {
        this.pool = pool;
        this.actions = actions;
        this.tickets = tickets;
        this.metrics = metrics;
        this.config = config;
        this.work = new LeasedWork<>("ticket-action", config.workers(), config.poll().toMillis(),
                (inHand, free) -> actions.claim(pool, config.instanceId(), config.lease(), inHand, free).await().atMost(DB),
                TicketAction::actionId, action -> execution.get().run(action, config.instanceId()));
    }

    void start(@Observes StartupEvent event) {
        work.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        work.stop();
    }

    /** Work was just queued here: look now rather than at the next poll. */
    public void nudge() {
        work.nudge();
    }

    @Scheduled(every = "${px.tickets.lease-renew:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void renewLeases() {
        try {
            actions.renew(pool, config.instanceId(), config.lease(), work.inHand()).await().atMost(DB);
        } catch (RuntimeException e) {
            // A lease not renewed runs out and the action is taken up again: the same as a killed worker, never a loss.
            Log.warnf("cannot renew action leases: %s", e.getMessage());
        }
    }

    @Scheduled(every = "30s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshAutocloseRate() {
        try {
            metrics.autocloseRate(tickets.autocloseRate(pool, config.quietPeriod()).await().atMost(DB));
        } catch (RuntimeException e) {
            Log.debugf("autoclose rate not refreshed: %s", e.getMessage());
        }
    }
}
