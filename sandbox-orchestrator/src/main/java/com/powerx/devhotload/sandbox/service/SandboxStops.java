package com.powerx.devhotload.sandbox.service;

import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.payload.SandboxStopped;
import com.powerx.devhotload.sandbox.bundle.BundleStore;
import com.powerx.devhotload.sandbox.domain.Sandbox;
import com.powerx.devhotload.sandbox.driver.RunningSandbox;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How sandboxes end here: their session ended (stopped and reported), another instance owns them now (let go without a
 * report), or this instance stops (every process ended, nothing reported: the sandboxes come back on restart or
 * adoption).
 */
@ApplicationScoped
public class SandboxStops {

    static final Duration STOPPED_RETENTION = Duration.ofMinutes(10);

    private final SandboxRegistry registry;
    private final SessionWorkers workers;
    private final SandboxEvents events;
    private final LogPublisher logs;
    private final BundleStore bundles;

    public SandboxStops(SandboxRegistry registry, SessionWorkers workers, SandboxEvents events, LogPublisher logs,
                        BundleStore bundles) {
        this.registry = registry;
        this.workers = workers;
        this.events = events;
        this.logs = logs;
        this.bundles = bundles;
    }

    /** Its session ended ({@code reason}: terminated, expired): the process stops and the stop is reported. */
    void stop(Sandbox sandbox, String reason) {
        if (sandbox.ended()) {
            return;
        }
        sandbox.end();
        registry.ended(sandbox);
        RunningSandbox process = sandbox.process();
        if (process != null) {
            process.stop();
        }
        sandbox.stopped();
        events.record(sandbox, EventTypes.SANDBOX_STOPPED, new SandboxStopped(reason, null));
        logs.close(sandbox);
        bundles.deleteSession(sandbox.sessionId());
        workers.retire(sandbox);
        // Readable (state stopped) for a while, then forgotten: the database keeps the record.
        workers.schedule(() -> registry.forget(sandbox), STOPPED_RETENTION.toMillis());
    }

    /**
     * Another instance owns {@code sandbox}'s session now (its lease ran out and was adopted): the local process is
     * stopped and the sandbox forgotten here, with nothing written or reported: the owner does that.
     */
    public void letGo(Sandbox sandbox, String why) {
        workers.run(sandbox, () -> release(sandbox, why));
    }

    void release(Sandbox sandbox, String why) {
        Log.warnf("session %s: %s; its sandbox is stopped here without a report (its owner reports)", sandbox.sessionId(), why);
        sandbox.end();
        registry.ended(sandbox);
        RunningSandbox process = sandbox.dropProcess();
        if (process != null) {
            process.stop();
        }
        logs.close(sandbox);
        bundles.deleteSession(sandbox.sessionId());
        registry.forget(sandbox);
        workers.retire(sandbox);
    }

    /** Stops every process (in parallel, each asked to shut down first); called once, when the instance stops. */
    public void shutdown() {
        workers.stopTimers();
        List<Thread> stopping = new ArrayList<>();
        for (Sandbox sandbox : registry.all()) {
            RunningSandbox process = sandbox.process();
            sandbox.end();
            if (process != null) {
                stopping.add(Thread.ofPlatform().start(process::stop));
            }
        }
        for (Thread t : stopping) {
            try {
                t.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.stopAll();
    }
}
