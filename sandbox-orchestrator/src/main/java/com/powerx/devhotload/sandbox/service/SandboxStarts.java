package com.powerx.devhotload.sandbox.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.payload.FileRef;
import com.powerx.devhotload.contracts.payload.ReloadError;
import com.powerx.devhotload.contracts.payload.ReloadFailure;
import com.powerx.devhotload.contracts.payload.SandboxReady;
import com.powerx.devhotload.contracts.state.ReloadResult;
import com.powerx.devhotload.sandbox.bundle.BundleStore;
import com.powerx.devhotload.sandbox.config.SandboxConfig;
import com.powerx.devhotload.sandbox.domain.BundleVersion;
import com.powerx.devhotload.sandbox.domain.LastReload;
import com.powerx.devhotload.sandbox.domain.Sandbox;
import com.powerx.devhotload.sandbox.driver.RunningSandbox;
import com.powerx.devhotload.sandbox.driver.SandboxDriver;
import com.powerx.devhotload.sandbox.driver.SandboxListener;
import com.powerx.devhotload.sandbox.driver.SandboxSpec;
import com.powerx.devhotload.sandbox.driver.SandboxStartException;
import com.powerx.devhotload.sandbox.repository.SandboxStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Starting a sandbox's process (on the session's worker): within the instance's cap, on a materialised version. */
@ApplicationScoped
public class SandboxStarts {

    /** The phase of a start refused because this instance is full (invoke then answers 503, not 409). */
    static final String CAPACITY_PHASE = "capacity";

    private final SandboxConfig config;
    private final List<SandboxDriver> drivers;
    private final BundleStore bundles;
    private final SandboxRegistry registry;
    private final SandboxEvents events;
    private final SandboxStore store;
    private final StateSnapshots snapshots;
    private final CrashHandling crashes;
    private final SessionWorkers workers;
    private final LogPublisher logs;
    private final ReloadErrors errors;

    public SandboxStarts(SandboxConfig config, Instance<SandboxDriver> drivers, BundleStore bundles, SandboxRegistry registry,
                         SandboxEvents events, SandboxStore store, StateSnapshots snapshots, CrashHandling crashes,
                         SessionWorkers workers, LogPublisher logs, ReloadErrors errors) {
        this.config = config;
        this.drivers = drivers.stream().toList();
        this.bundles = bundles;
        this.registry = registry;
        this.events = events;
        this.store = store;
        this.snapshots = snapshots;
        this.crashes = crashes;
        this.workers = workers;
        this.logs = logs;
        this.errors = errors;
    }

    /** First start (or a start after a failed one): materialise, start, report ready or failed. */
    void start(Sandbox sandbox, long sequence, List<FileRef> files, JsonNode state, boolean restart) {
        if (sandbox.ended()) {
            return;
        }
        sandbox.starting();
        long started = System.nanoTime();
        try {
            RunningSandbox process = launch(sandbox, sequence, files, state);
            sandbox.started(process, new BundleVersion(sequence, bundles.versionDir(sandbox.sessionId(), sequence), files),
                    Instant.now());
            snapshots.snapshot(sandbox);
            long startupMs = (System.nanoTime() - started) / 1_000_000;
            events.record(sandbox, EventTypes.SANDBOX_READY, new SandboxReady(sandbox.sessionId(), sandbox.runtime(), sequence,
                    startupMs, restart ? sandbox.restarts() : null), tx -> store.version(tx, sandbox, sequence));
        } catch (SandboxStartException e) {
            failStart(sandbox, sequence, e, restart);
        }
    }

    /** A process for {@code sandbox} on {@code files}, if this instance has room for it. */
    RunningSandbox launch(Sandbox sandbox, long sequence, List<FileRef> files, JsonNode state) throws SandboxStartException {
        SandboxDriver driver = drivers.stream().filter(d -> d.handles(sandbox.runtime())).findFirst()
                .orElseThrow(() -> new SandboxStartException("unknown runtime " + sandbox.runtime(), "start", ""));
        long running = sandbox.needsSlot() ? registry.slotsHeldBesides(sandbox) : 0;
        if (running >= config.max()) {
            throw new SandboxStartException("capacity reached: this instance already runs " + running
                    + " sandboxes (PX_SANDBOX_MAX=" + config.max() + ")", CAPACITY_PHASE, "");
        }
        Path dir;
        try {
            dir = bundles.materialise(sandbox.tenantId(), sandbox.sessionId(), sequence, files);
        } catch (IOException e) {
            throw new SandboxStartException("cannot fetch the bundle: " + e.getMessage(), "fetch", "");
        }
        return driver.start(new SandboxSpec(sandbox.sessionId(), sandbox.runtime(), dir, sandbox.entry(), sequence, state,
                sandbox.sandboxEndpoint(), sandbox.env(), sandbox.tenantId()), listener(sandbox));
    }

    private void failStart(Sandbox sandbox, long sequence, SandboxStartException e, boolean restart) {
        if (restart) {
            crashes.crashed(sandbox, null, null, "restart failed: " + e.getMessage());
            return;
        }
        ReloadError error = new ReloadError(errors.mask(e.getMessage()), errors.mask(e.stack()), e.phase());
        sandbox.startFailed(e.getMessage(), CAPACITY_PHASE.equals(e.phase()), new LastReload(sequence, ReloadResult.FAILED, null, null));
        events.record(sandbox, EventTypes.RELOAD_FAILED, new ReloadFailure(sequence, error, null, null, null),
                tx -> store.attempt(tx, sandbox, sequence, ReloadResult.FAILED, null, null, error));
    }

    private SandboxListener listener(Sandbox sandbox) {
        return new SandboxListener() {
            @Override
            public void onLog(String level, String source, String message, Long sequence, Long dropped) {
                logs.line(sandbox, level, source, message, sequence != null ? sequence : sandbox.sequence(), dropped);
            }

            @Override
            public void onExit(RunningSandbox exited) {
                workers.run(sandbox, () -> crashes.ended(sandbox, exited));
            }
        };
    }
}
