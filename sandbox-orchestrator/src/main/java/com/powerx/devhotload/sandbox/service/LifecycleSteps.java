package com.powerx.devhotload.sandbox.service;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.payload.ReloadRequested;
import com.powerx.devhotload.contracts.payload.SessionRegistered;
import com.powerx.devhotload.contracts.payload.SessionUpdated;
import com.powerx.devhotload.contracts.state.SandboxState;
import com.powerx.devhotload.platform.tracing.EventTraces;
import com.powerx.devhotload.sandbox.domain.Sandbox;
import com.powerx.devhotload.sandbox.repository.SandboxStore;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns each {@code dev.session.lifecycle} event taken from the inbox into a step on its session's worker: start on
 * registration (or once the files are complete), a reload, a stop when the session ends. Each step runs under a span
 * continuing the event's trace, so the {@code dev.session.sandbox} events it reports carry the trace of the user's call.
 */
@ApplicationScoped
public class LifecycleSteps {

    private final SandboxRegistry registry;
    private final SessionWorkers workers;
    private final SandboxStarts starts;
    private final Reloads reloads;
    private final SandboxStops stops;
    private final SandboxEvents events;
    private final SandboxStore store;

    public LifecycleSteps(SandboxRegistry registry, SessionWorkers workers, SandboxStarts starts, Reloads reloads,
                          SandboxStops stops, SandboxEvents events, SandboxStore store) {
        this.registry = registry;
        this.workers = workers;
        this.starts = starts;
        this.reloads = reloads;
        this.stops = stops;
        this.events = events;
        this.store = store;
    }

    /**
     * Acts on one {@code dev.session.lifecycle} event (already recorded as processed, with a pending row). Returns at
     * once; the step runs on the session's worker, and the pending row is forgotten when it has run (or when there
     * is nothing to do).
     */
    public void dispatch(CloudEvent event) {
        Runnable done = () -> store.forgetPending(event.id());
        Traced on = new Traced(event);
        switch (event.type()) {
            case EventTypes.SESSION_REGISTERED -> registered(EventCodec.payload(event, SessionRegistered.class), on, done);
            case EventTypes.SESSION_UPDATED -> updated(EventCodec.payload(event, SessionUpdated.class), on, done);
            case EventTypes.RELOAD_REQUESTED -> reloadRequested(EventCodec.payload(event, ReloadRequested.class), on, done);
            case EventTypes.SESSION_TERMINATED -> end(event.sessionid(), "terminated", on, done);
            case EventTypes.SESSION_EXPIRED -> end(event.sessionid(), "expired", on, done);
            default -> done.run(); // reload.recorded: a build error the sandbox never sees
        }
    }

    /** A step of {@code cause}, run on the session's worker under the span of handling the cause. */
    private record Traced(CloudEvent cause) {
        Runnable step(Runnable step) {
            return () -> EventTraces.run("sandbox-orchestrator " + cause.type(), cause, step);
        }
    }

    private void registered(SessionRegistered r, Traced on, Runnable done) {
        Sandbox sandbox = new Sandbox(r.sessionId(), r.tenantId(), r.pluginId(), r.runtime(), r.entry(), r.sandboxEndpoint(), r.files(), r.env());
        if (!registry.add(sandbox)) {
            done.run();
            return;
        }
        if (r.missingBlobs() != null && !r.missingBlobs().isEmpty()) {
            sandbox.waitForFiles();
            workers.run(sandbox, on.step(() -> events.record(sandbox, null, null)), done);
            return;
        }
        workers.run(sandbox, on.step(() -> starts.start(sandbox, 0L, sandbox.files(), null, false)), done);
    }

    private void updated(SessionUpdated u, Traced on, Runnable done) {
        Sandbox sandbox = registry.find(u.sessionId());
        if (sandbox == null || !SandboxState.STARTING.wire().equals(u.sandboxState())) {
            done.run();
            return;
        }
        workers.run(sandbox, on.step(() -> {
            if (sandbox.state() == SandboxState.WAITING_FOR_FILES) {
                starts.start(sandbox, sandbox.sequence(), u.files() != null ? u.files() : sandbox.files(), null, false);
            }
        }), done);
    }

    private void reloadRequested(ReloadRequested r, Traced on, Runnable done) {
        Sandbox sandbox = registry.find(r.sessionId());
        if (sandbox == null) {
            Log.warnf("reload %d of unknown session %s ignored", r.sequence(), r.sessionId());
            done.run();
            return;
        }
        sandbox.queueReload(r);
        workers.run(sandbox, on.step(() -> reloads.drain(sandbox)), done);
    }

    private void end(String sessionId, String reason, Traced on, Runnable done) {
        Sandbox sandbox = registry.find(sessionId);
        if (sandbox == null) {
            done.run();
            return;
        }
        workers.run(sandbox, on.step(() -> stops.stop(sandbox, reason)), done);
    }
}
