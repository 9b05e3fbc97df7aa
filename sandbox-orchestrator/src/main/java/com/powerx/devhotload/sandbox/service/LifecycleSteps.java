package com.powerx.devhotload.sandbox.service;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.payload.ReloadRequested;
import com.powerx.devhotload.contracts.payload.SessionRegistered;
import com.powerx.devhotload.contracts.payload.SessionUpdated;
import com.powerx.devhotload.contracts.state.SandboxState;
import com.powerx.devhotload.sandbox.domain.Sandbox;
import com.powerx.devhotload.sandbox.repository.SandboxStore;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns each {@code dev.session.lifecycle} event taken from the inbox into a step on its session's worker: start on
 * registration (or once the files are complete), a reload, a stop when the session ends.
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
        switch (event.type()) {
            case EventTypes.SESSION_REGISTERED -> registered(EventCodec.payload(event, SessionRegistered.class), done);
            case EventTypes.SESSION_UPDATED -> updated(EventCodec.payload(event, SessionUpdated.class), done);
            case EventTypes.RELOAD_REQUESTED -> reloadRequested(EventCodec.payload(event, ReloadRequested.class), done);
            case EventTypes.SESSION_TERMINATED -> end(event.sessionid(), "terminated", done);
            case EventTypes.SESSION_EXPIRED -> end(event.sessionid(), "expired", done);
            default -> done.run(); // reload.recorded: a build error the sandbox never sees
        }
    }

    private void registered(SessionRegistered r, Runnable done) {
        Sandbox sandbox = new Sandbox(r.sessionId(), r.tenantId(), r.pluginId(), r.runtime(), r.entry(), r.sandboxEndpoint(), r.files(), r.env());
        if (!registry.add(sandbox)) {
            done.run();
            return;
        }
        if (r.missingBlobs() != null && !r.missingBlobs().isEmpty()) {
            sandbox.waitForFiles();
            workers.run(sandbox, () -> events.record(sandbox, null, null), done);
            return;
        }
        workers.run(sandbox, () -> starts.start(sandbox, 0L, sandbox.files(), null, false), done);
    }

    private void updated(SessionUpdated u, Runnable done) {
        Sandbox sandbox = registry.find(u.sessionId());
        if (sandbox == null || !SandboxState.STARTING.wire().equals(u.sandboxState())) {
            done.run();
            return;
        }
        workers.run(sandbox, () -> {
            if (sandbox.state() == SandboxState.WAITING_FOR_FILES) {
                starts.start(sandbox, sandbox.sequence(), u.files() != null ? u.files() : sandbox.files(), null, false);
            }
        }, done);
    }

    private void reloadRequested(ReloadRequested r, Runnable done) {
        Sandbox sandbox = registry.find(r.sessionId());
        if (sandbox == null) {
            Log.warnf("reload %d of unknown session %s ignored", r.sequence(), r.sessionId());
            done.run();
            return;
        }
        sandbox.queueReload(r);
        workers.run(sandbox, () -> reloads.drain(sandbox), done);
    }

    private void end(String sessionId, String reason, Runnable done) {
        Sandbox sandbox = registry.find(sessionId);
        if (sandbox == null) {
            done.run();
            return;
        }
        workers.run(sandbox, () -> stops.stop(sandbox, reason), done);
    }
}
