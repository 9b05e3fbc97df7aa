package com.powerx.devhotload.sandbox.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.payload.FileRef;
import com.powerx.devhotload.contracts.payload.ReloadError;
import com.powerx.devhotload.contracts.payload.ReloadFailure;
import com.powerx.devhotload.contracts.payload.ReloadPhases;
import com.powerx.devhotload.contracts.payload.ReloadRequested;
import com.powerx.devhotload.contracts.payload.Reloaded;
import com.powerx.devhotload.contracts.state.ReloadResult;
import com.powerx.devhotload.contracts.state.SandboxState;
import com.powerx.devhotload.sandbox.bundle.BundleStore;
import com.powerx.devhotload.sandbox.config.SandboxConfig;
import com.powerx.devhotload.sandbox.domain.BundleVersion;
import com.powerx.devhotload.sandbox.domain.LastReload;
import com.powerx.devhotload.sandbox.domain.Sandbox;
import com.powerx.devhotload.sandbox.driver.HarnessError;
import com.powerx.devhotload.sandbox.driver.Replies;
import com.powerx.devhotload.sandbox.driver.RunningSandbox;
import com.powerx.devhotload.sandbox.driver.SandboxStartException;
import com.powerx.devhotload.sandbox.repository.SandboxStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Reloads, on the session's worker: applied in sequence order and coalesced (the newest queued one is applied, the
 * older ones reported superseded), hot-swapped in the running process, rolled back by the harness when the new
 * version fails, and a fresh process on the last good version when even the rollback fails.
 */
@ApplicationScoped
public class Reloads {

    private final SandboxConfig config;
    private final BundleStore bundles;
    private final SandboxStarts starts;
    private final CrashHandling crashes;
    private final StateSnapshots snapshots;
    private final SandboxEvents events;
    private final SandboxStore store;
    private final ReloadErrors errors;

    public Reloads(SandboxConfig config, BundleStore bundles, SandboxStarts starts, CrashHandling crashes,
                   StateSnapshots snapshots, SandboxEvents events, SandboxStore store, ReloadErrors errors) {
        this.config = config;
        this.bundles = bundles;
        this.starts = starts;
        this.crashes = crashes;
        this.snapshots = snapshots;
        this.events = events;
        this.store = store;
        this.errors = errors;
    }

    /** Applies the newest queued reload; the older ones queued with it are reported as superseded. */
    void drain(Sandbox sandbox) {
        List<ReloadRequested> queued = sandbox.takeReloads().stream()
                .filter(r -> sandbox.lastReload() == null || r.sequence() > sandbox.lastReload().sequence())
                .toList();
        if (queued.isEmpty() || sandbox.ended()) {
            return;
        }
        ReloadRequested newest = queued.getLast();
        List<Long> superseded = queued.subList(0, queued.size() - 1).stream().map(ReloadRequested::sequence).toList();
        List<FileRef> files = newest.files() != null ? newest.files()
                : "rollback".equals(newest.strategy()) && sandbox.lastGood() != null ? sandbox.lastGood().files() : sandbox.files();
        RunningSandbox process = sandbox.process();
        if (process != null && !process.isAlive()) {
            crashes.ended(sandbox, process); // gone, but its exit not handled yet: a crash all the same, counted once
            process = sandbox.process();
        }
        if (process == null) {
            startInstead(sandbox, newest, files, superseded);
            return;
        }
        apply(sandbox, process, newest, files, superseded);
    }

    /** No process to reload into: a crashed one waits for its restart, a failed or never started one starts now. */
    private void startInstead(Sandbox sandbox, ReloadRequested newest, List<FileRef> files, List<Long> superseded) {
        if (sandbox.state() == SandboxState.CRASHED) {
            sandbox.keepFiles(files); // the restart brings up the last good version; this one waits for the next reload
            return;
        }
        starts.start(sandbox, newest.sequence(), files, sandbox.lastState(), false);
        if (sandbox.state() == SandboxState.READY) {
            reportReloaded(sandbox, newest, sandbox.process().loadResult(), superseded);
        }
    }

    private void apply(Sandbox sandbox, RunningSandbox process, ReloadRequested reload, List<FileRef> files, List<Long> superseded) {
        long sequence = reload.sequence();
        Path dir;
        try {
            dir = bundles.materialise(sandbox.tenantId(), sandbox.sessionId(), sequence, files);
        } catch (IOException e) {
            rolledBack(sandbox, sequence, new ReloadError("cannot fetch the bundle: " + e.getMessage(), "", "fetch"), null,
                    superseded);
            return;
        }
        sandbox.reloading();
        JsonNode result;
        try {
            result = Replies.await(process.reload(dir, sandbox.entry(), sequence), 4L * config.hookTimeoutMs() + 60_000);
        } catch (HarnessError e) {
            // The process died or stopped answering mid-reload: the crash path restores the last good version.
            boolean alive = process.isAlive();
            sandbox.reloadInterrupted(alive);
            rolledBack(sandbox, sequence, errors.of(e.error()), null, superseded);
            if (!alive) {
                crashes.ended(sandbox, process);
            }
            return;
        }
        answered(sandbox, process, reload, new BundleVersion(sequence, dir, files), result, superseded);
    }

    /** The harness answered the reload: swapped in, rolled back by the harness, or nothing loaded any more. */
    private void answered(Sandbox sandbox, RunningSandbox process, ReloadRequested reload, BundleVersion version, JsonNode result,
                          List<Long> superseded) {
        String outcome = result.path("result").asText();
        if (ReloadResult.RELOADED.wire().equals(outcome)) {
            sandbox.reloaded(version);
            snapshots.snapshot(sandbox);
            reportReloaded(sandbox, reload, result, superseded);
            bundles.prune(sandbox.sessionId(), Set.of(version.sequence()));
        } else if (ReloadResult.ROLLED_BACK.wire().equals(outcome)) {
            sandbox.rolledBack();
            rolledBack(sandbox, version.sequence(), errors.of(result.path("error")), result, superseded);
        } else {
            rollbackFailed(sandbox, process, reload, result, superseded);
        }
    }

    /** No plugin is loaded any more: a fresh process on the last good version with its last saved state. */
    private void rollbackFailed(Sandbox sandbox, RunningSandbox process, ReloadRequested reload, JsonNode result, List<Long> superseded) {
        sandbox.dropProcess();
        process.stop();
        BundleVersion good = sandbox.lastGood();
        try {
            sandbox.relaunched(starts.launch(sandbox, good.sequence(), good.files(), sandbox.lastState()));
            rolledBack(sandbox, reload.sequence(), errors.of(result.path("error")), result, superseded);
        } catch (SandboxStartException e) {
            sandbox.failed(e.getMessage());
            ReloadError error = errors.of(result.path("error"));
            events.record(sandbox, EventTypes.RELOAD_FAILED, new ReloadFailure(reload.sequence(), error,
                    result.path("durationMs").asLong(), null, superseded), tx -> store.attempt(tx, sandbox, reload.sequence(),
                    ReloadResult.FAILED, result.path("durationMs").asLong(), result.get("phases"), error));
        }
    }

    private void reportReloaded(Sandbox sandbox, ReloadRequested reload, JsonNode result, List<Long> superseded) {
        long durationMs = result.path("durationMs").asLong();
        JsonNode phases = result.get("phases");
        sandbox.reloadAttempted(new LastReload(reload.sequence(), ReloadResult.RELOADED, durationMs, phases));
        ReloadPhases reloadPhases = phases == null ? null : EventCodec.mapper().convertValue(phases, ReloadPhases.class);
        events.record(sandbox, EventTypes.RELOADED, new Reloaded(reload.sequence(), durationMs, reloadPhases,
                reload.changedFiles(), reload.buildHash(), superseded.isEmpty() ? null : superseded), tx ->
                store.attempt(tx, sandbox, reload.sequence(), ReloadResult.RELOADED, durationMs, phases, null)
                        .flatMap(v -> store.version(tx, sandbox, reload.sequence()))
                        .flatMap(v -> store.superseded(tx, sandbox, superseded)));
    }

    private void rolledBack(Sandbox sandbox, long sequence, ReloadError error, JsonNode result, List<Long> superseded) {
        Long durationMs = result == null ? null : result.path("durationMs").asLong();
        JsonNode phases = result == null ? null : result.get("phases");
        long restored = sandbox.sequence();
        sandbox.reloadAttempted(new LastReload(sequence, ReloadResult.ROLLED_BACK, durationMs, phases));
        events.record(sandbox, EventTypes.ROLLED_BACK, new ReloadFailure(sequence, error, durationMs, restored,
                superseded.isEmpty() ? null : superseded), tx ->
                store.attempt(tx, sandbox, sequence, ReloadResult.ROLLED_BACK, durationMs, phases, error)
                        .flatMap(v -> store.superseded(tx, sandbox, superseded)));
    }
}
