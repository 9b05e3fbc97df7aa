package com.powerx.devhotload.sandbox.service;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.platform.outbox.TransactionalOutbox;
import com.powerx.devhotload.sandbox.config.InstanceIdentity;
import com.powerx.devhotload.sandbox.config.LeaseConfig;
import com.powerx.devhotload.sandbox.domain.Sandbox;
import com.powerx.devhotload.sandbox.repository.LeaseRepository;
import com.powerx.devhotload.sandbox.repository.PendingLifecycleRepository;
import com.powerx.devhotload.sandbox.repository.SandboxRepository;
import com.powerx.devhotload.sandbox.repository.SandboxStore;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Which instance acts on which session, when several run (docs/sandbox-orchestrator.md, "Leases"). A session belongs
 * to the instance that consumed its registration, for as long as that instance renews its lease; every lifecycle event,
 * whichever replica consumed it, goes into the inbox addressed to the session's owner, whose intake (one thread, here)
 * takes it in order and hands it to {@link LifecycleSteps}. An instance brings its own sandboxes back at start,
 * adopts those whose lease ran out (a dead replica's, exactly once across racing adopters), and stops its own when it
 * can no longer renew, so that an adopter never runs a session next to it.
 */
@ApplicationScoped
public class SandboxLeases {

    private static final Duration DB_WAIT = Duration.ofSeconds(30);

    private final SandboxRegistry registry;
    private final SandboxRecovery recovery;
    private final LifecycleSteps steps;
    private final SandboxStops stops;
    private final SandboxStore store;
    private final TransactionalOutbox outbox;
    private final LeaseRepository leases;
    private final PendingLifecycleRepository inbox;
    private final LeaseConfig config;
    private final String me;
    private final String url;
    private final ScheduledExecutorService loop =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("sandbox-leases").factory());
    private final AtomicBoolean takeQueued = new AtomicBoolean();
    private volatile boolean started;
    private volatile long lastRenewal = System.nanoTime();

    public SandboxLeases(SandboxRegistry registry, SandboxRecovery recovery, LifecycleSteps steps, SandboxStops stops,
                         SandboxStore store, TransactionalOutbox outbox, LeaseRepository leases, PendingLifecycleRepository inbox,
                         LeaseConfig config, InstanceIdentity instance) {
        this.registry = registry;
        this.recovery = recovery;
        this.steps = steps;
        this.stops = stops;
        this.store = store;
        this.outbox = outbox;
        this.leases = leases;
        this.inbox = inbox;
        this.config = config;
        this.me = instance.value();
        this.url = instance.url();
    }

    /** After a routed event committed: the intake looks at once (else at its next poll). */
    public void nudge() {
        if (started && takeQueued.compareAndSet(false, true)) {
            try {
                loop.execute(this::takeInbox);
            } catch (RejectedExecutionException e) {
                takeQueued.set(false); // stopping
            }
        }
    }

    /**
     * At start, before SmallRye starts the Kafka consumers (their observer has priority 1000): this instance's own
     * sandboxes come back on their last good version with their state, then whatever it had recorded but not acted on,
     * in order; from then on the leases are renewed and expired ones adopted.
     */
    void start(@Observes @Priority(900) StartupEvent event) {
        try {
            List<SandboxRepository.Saved> own = await(outbox.pool().withConnection(c -> leases.claimOwn(c, me, config.durationMs())
                    .call(claimed -> inbox.untake(c, me)).call(claimed -> leases.advertise(c, me, url))));
            lastRenewal = System.nanoTime();
            recovery.bringBack(own);
            if (!own.isEmpty()) {
                Log.infof("recovering %d sandboxes of this instance (%s)", own.size(), me);
            }
        } catch (RuntimeException e) {
            Log.errorf(e, "could not claim this instance's sandboxes");
        }
        started = true;
        loop.scheduleWithFixedDelay(this::takeInbox, 0, config.inboxPollMs(), TimeUnit.MILLISECONDS);
        loop.scheduleWithFixedDelay(this::renew, config.renewMs(), config.renewMs(), TimeUnit.MILLISECONDS);
        if (config.adopt()) {
            loop.scheduleWithFixedDelay(this::adopt, config.adoptIntervalMs(), config.adoptIntervalMs(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * At a clean stop: no more intake or adoption, every process ended, then the leases released so that another
     * instance adopts the sandboxes at once instead of after the lease.
     */
    void stop(@Observes @Priority(2000) ShutdownEvent event) {
        started = false;
        loop.shutdownNow();
        try {
            loop.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stops.shutdown();
        try {
            await(outbox.pool().withConnection(c -> leases.release(c, me)));
        } catch (RuntimeException e) {
            Log.warnf("leases not released (they run out on their own): %s", e.getMessage());
        }
    }

    /** Hands the events addressed to this instance to the manager, oldest first; each row goes once its step ran. */
    void takeInbox() {
        takeQueued.set(false);
        if (!started) {
            return;
        }
        List<String> taken;
        try {
            taken = await(outbox.pool().withConnection(c -> inbox.take(c, me)));
        } catch (RuntimeException e) {
            Log.warnf("lifecycle inbox not read: %s", e.getMessage());
            return;
        }
        for (String json : taken) {
            CloudEvent lifecycle;
            try {
                lifecycle = EventCodec.decode(json);
            } catch (RuntimeException e) {
                Log.warnf("unreadable pending lifecycle event skipped: %s", e.getMessage());
                continue;
            }
            try {
                steps.dispatch(lifecycle);
            } catch (RuntimeException e) {
                Log.warnf("pending lifecycle event %s not acted on: %s", lifecycle.id(), e.getMessage());
                store.forgetPending(lifecycle.id());
            }
        }
    }

    /**
     * One UPDATE for all of this instance's leases. A sandbox it runs that is recorded as another's now was adopted
     * while this one could not renew: let go. When renewing fails for so long that the leases may run out before the
     * next try, every sandbox here is stopped: better restarted by an adopter than run twice.
     */
    void renew() {
        long attempt = System.nanoTime();
        try {
            // the address too: the other replicas forward calls for these sessions to it (written at start, kept true)
            Set<String> owned = await(outbox.pool().withConnection(c -> leases.renew(c, me, config.durationMs())
                    .call(renewed -> leases.advertise(c, me, url))));
            lastRenewal = attempt;
            List<Sandbox> notOwned = registry.live().stream().filter(s -> !owned.contains(s.sessionId())).toList();
            if (!notOwned.isEmpty()) {
                Map<String, String> owners = await(outbox.pool().withConnection(c ->
                        leases.owners(c, notOwned.stream().map(Sandbox::sessionId).filter(id -> LifecycleInbox.uuid(id) != null).toList())));
                for (Sandbox sandbox : notOwned) {
                    String owner = owners.get(sandbox.sessionId());
                    if (owner != null && !owner.equals(me)) {
                        stops.letGo(sandbox, "instance " + owner + " adopted it");
                    }
                }
            }
        } catch (RuntimeException e) {
            long silentMs = (System.nanoTime() - lastRenewal) / 1_000_000;
            Log.warnf("leases of %s not renewed for %d ms: %s", me, silentMs, e.getMessage());
            if (silentMs >= config.durationMs() - config.renewMs()) {
                registry.live().forEach(s -> stops.letGo(s, "its lease could not be renewed for " + silentMs + " ms"));
            }
        }
    }

    /** Adopts sandboxes whose lease ran out (as many as there are free slots), then acts on their pending events. */
    void adopt() {
        int room = registry.freeSlots();
        if (room == 0) {
            return;
        }
        List<SandboxRepository.Saved> adopted;
        try {
            adopted = await(outbox.pool().withTransaction(tx -> leases.adopt(tx, me, config.durationMs(), room)));
        } catch (RuntimeException e) {
            Log.warnf("no adoption this round: %s", e.getMessage());
            return;
        }
        if (adopted.isEmpty()) {
            return;
        }
        Log.infof("adopted %d sandboxes whose lease had run out: %s", adopted.size(), adopted.stream()
                .map(s -> s.sessionId() + " (from " + s.previousOwner() + ")").toList());
        recovery.bringBack(adopted);
        takeInbox();
    }

    private static <T> T await(Uni<T> uni) {
        return uni.await().atMost(DB_WAIT);
    }
}
