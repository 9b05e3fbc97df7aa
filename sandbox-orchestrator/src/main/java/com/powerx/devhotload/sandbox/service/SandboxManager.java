package com.powerx.devhotload.sandbox.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.payload.FileRef;
import com.powerx.devhotload.contracts.payload.ReloadError;
import com.powerx.devhotload.contracts.payload.ReloadFailure;
import com.powerx.devhotload.contracts.payload.ReloadPhases;
import com.powerx.devhotload.contracts.payload.ReloadRequested;
import com.powerx.devhotload.contracts.payload.Reloaded;
import com.powerx.devhotload.contracts.payload.SandboxCrashed;
import com.powerx.devhotload.contracts.payload.SandboxReady;
import com.powerx.devhotload.contracts.payload.SandboxStopped;
import com.powerx.devhotload.contracts.payload.SessionRegistered;
import com.powerx.devhotload.contracts.payload.SessionUpdated;
import com.powerx.devhotload.sandbox.bundle.BundleStore;
import com.powerx.devhotload.sandbox.config.SandboxConfig;
import com.powerx.devhotload.sandbox.domain.BundleVersion;
import com.powerx.devhotload.sandbox.domain.LastReload;
import com.powerx.devhotload.sandbox.domain.Sandbox;
import com.powerx.devhotload.sandbox.domain.SandboxState;
import com.powerx.devhotload.sandbox.driver.HarnessError;
import com.powerx.devhotload.sandbox.driver.Replies;
import com.powerx.devhotload.sandbox.driver.RunningSandbox;
import com.powerx.devhotload.sandbox.driver.SandboxDriver;
import com.powerx.devhotload.sandbox.driver.SandboxListener;
import com.powerx.devhotload.sandbox.driver.SandboxSpec;
import com.powerx.devhotload.sandbox.driver.SandboxStartException;
import io.quarkus.logging.Log;
import com.powerx.devhotload.sandbox.repository.SandboxRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where sandbox lifecycle decisions are made: start on registration, reloads applied in sequence order and coalesced,
 * crash restarts with backoff, stop when the session ends. Each session's work runs on its own single worker thread,
 * so one session's steps never overlap while sessions proceed in parallel.
 */
@ApplicationScoped
public class SandboxManager {

    static final Duration CRASH_WINDOW = Duration.ofMinutes(5);
    static final int MAX_RESTARTS_IN_WINDOW = 5;
    static final Duration STOPPED_RETENTION = Duration.ofMinutes(10);
    /** The phase of a start refused because this instance is full (invoke then answers 503, not 409). */
    static final String CAPACITY_PHASE = "capacity";
    /** How long a harness that announced its end may take to exit (it flushes, then exits within about 1 s). */
    static final long EXIT_WAIT_MS = 5_000;

    private final SandboxConfig config;
    private final List<SandboxDriver> drivers;
    private final BundleStore bundles;
    private final SandboxEvents events;
    private final LogPublisher logs;
    private final Map<String, Sandbox> sandboxes = new ConcurrentHashMap<>();
    /** The sandboxes whose session has not ended: the capacity check scans these, not the stopped ones kept for reads. */
    private final Map<String, Sandbox> live = new ConcurrentHashMap<>();
    private final Map<String, ExecutorService> workers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("sandbox-restart-timer").factory());

    public SandboxManager(SandboxConfig config, Instance<SandboxDriver> drivers, BundleStore bundles, SandboxEvents events,
                          LogPublisher logs) {
        this.config = config;
        this.drivers = drivers.stream().toList();
        this.bundles = bundles;
        this.events = events;
        this.logs = logs;
    }

    public Sandbox find(String sessionId) {
        return sandboxes.get(sessionId);
    }

    public Collection<Sandbox> all() {
        return sandboxes.values();
    }

    /**
     * Acts on one {@code dev.session.lifecycle} event (already recorded as processed, with a pending row). Returns at
     * once; the step runs on the session's worker, and the pending row is forgotten when it has run (or when there
     * is nothing to do).
     */
    public void dispatch(CloudEvent event) {
        Runnable done = () -> events.forgetPending(event.id());
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
        Sandbox sandbox = new Sandbox(r.sessionId(), r.tenantId(), r.pluginId(), r.runtime(), r.entry(), r.sandboxEndpoint(), r.files());
        if (sandboxes.putIfAbsent(r.sessionId(), sandbox) != null) {
            done.run();
            return;
        }
        live.put(r.sessionId(), sandbox);
        if (r.missingBlobs() != null && !r.missingBlobs().isEmpty()) {
            sandbox.state = SandboxState.WAITING_FOR_FILES;
            run(sandbox, () -> events.record(sandbox, null, null), done);
            return;
        }
        run(sandbox, () -> start(sandbox, 0L, sandbox.files, null, false), done);
    }

    private void updated(SessionUpdated u, Runnable done) {
        Sandbox sandbox = sandboxes.get(u.sessionId());
        if (sandbox == null || !SandboxState.STARTING.equals(u.sandboxState())) {
            done.run();
            return;
        }
        run(sandbox, () -> {
            if (SandboxState.WAITING_FOR_FILES.equals(sandbox.state)) {
                start(sandbox, sandbox.sequence, u.files() != null ? u.files() : sandbox.files, null, false);
            }
        }, done);
    }

    private void reloadRequested(ReloadRequested r, Runnable done) {
        Sandbox sandbox = sandboxes.get(r.sessionId());
        if (sandbox == null) {
            Log.warnf("reload %d of unknown session %s ignored", r.sequence(), r.sessionId());
            done.run();
            return;
        }
        sandbox.queueReload(r);
        run(sandbox, () -> drainReloads(sandbox), done);
    }

    private void end(String sessionId, String reason, Runnable done) {
        Sandbox sandbox = sessionId == null ? null : sandboxes.get(sessionId);
        if (sandbox == null) {
            done.run();
            return;
        }
        run(sandbox, () -> stop(sandbox, reason), done);
    }

    // ---- steps, each on the session's worker -------------------------------------------------------------------

    /** First start (or a start after a failed one): materialise, start, report ready or failed. */
    private void start(Sandbox sandbox, long sequence, List<FileRef> files, JsonNode state, boolean restart) {
        if (sandbox.ended) {
            return;
        }
        sandbox.state = SandboxState.STARTING;
        long started = System.nanoTime();
        try {
            RunningSandbox process = launch(sandbox, sequence, files, state);
            sandbox.process = process;
            sandbox.files = files;
            sandbox.sequence = sequence;
            sandbox.lastGood = new BundleVersion(sequence, bundles.versionDir(sandbox.sessionId(), sequence), files);
            sandbox.startedAt = Instant.now();
            sandbox.state = SandboxState.READY;
            sandbox.lastError = null;
            sandbox.refusedForCapacity = false;
            snapshot(sandbox);
            long startupMs = (System.nanoTime() - started) / 1_000_000;
            events.record(sandbox, EventTypes.SANDBOX_READY, new SandboxReady(sandbox.sessionId(), sandbox.runtime(), sequence,
                    startupMs, restart ? sandbox.restarts : null), tx -> events.version(tx, sandbox, sequence));
        } catch (SandboxStartException e) {
            failStart(sandbox, sequence, e, restart);
        }
    }

    private RunningSandbox launch(Sandbox sandbox, long sequence, List<FileRef> files, JsonNode state) throws SandboxStartException {
        SandboxDriver driver = drivers.stream().filter(d -> d.handles(sandbox.runtime())).findFirst()
                .orElseThrow(() -> new SandboxStartException("unknown runtime " + sandbox.runtime(), "start", ""));
        long running = sandbox.needsSlot() ? live.values().stream().filter(s -> s != sandbox && s.occupiesSlot()).count() : 0;
        if (running >= config.max()) {
            throw new SandboxStartException("capacity reached: this instance already runs " + running
                    + " sandboxes (PX_SANDBOX_MAX=" + config.max() + ")", CAPACITY_PHASE, "");
        }
        java.nio.file.Path dir;
        try {
            dir = bundles.materialise(sandbox.tenantId(), sandbox.sessionId(), sequence, files);
        } catch (IOException e) {
            throw new SandboxStartException("cannot fetch the bundle: " + e.getMessage(), "fetch", "");
        }
        return driver.start(new SandboxSpec(sandbox.sessionId(), sandbox.runtime(), dir, sandbox.entry(), sequence, state,
                sandbox.sandboxEndpoint()), listener(sandbox));
    }

    private void failStart(Sandbox sandbox, long sequence, SandboxStartException e, boolean restart) {
        if (restart) {
            crashed(sandbox, null, null, "restart failed: " + e.getMessage());
            return;
        }
        sandbox.state = SandboxState.FAILED;
        sandbox.lastError = e.getMessage();
        sandbox.refusedForCapacity = CAPACITY_PHASE.equals(e.phase());
        sandbox.process = null;
        ReloadError error = new ReloadError(logsMask(e.getMessage()), logsMask(e.stack()), e.phase());
        sandbox.lastReload = new LastReload(sequence, "failed", null, null);
        events.record(sandbox, EventTypes.RELOAD_FAILED, new ReloadFailure(sequence, error, null, null, null),
                tx -> events.attempt(tx, sandbox, sequence, "failed", null, null, error));
    }

    /** Applies the newest queued reload; the older ones queued with it are reported as superseded. */
    private void drainReloads(Sandbox sandbox) {
        List<ReloadRequested> queued = sandbox.takeReloads().stream()
                .filter(r -> sandbox.lastReload == null || r.sequence() > sandbox.lastReload.sequence())
                .toList();
        if (queued.isEmpty() || sandbox.ended) {
            return;
        }
        ReloadRequested newest = queued.getLast();
        List<Long> superseded = queued.subList(0, queued.size() - 1).stream().map(ReloadRequested::sequence).toList();
        List<FileRef> files = newest.files() != null ? newest.files()
                : "rollback".equals(newest.strategy()) && sandbox.lastGood != null ? sandbox.lastGood.files() : sandbox.files;
        RunningSandbox process = sandbox.process;
        if (process != null && !process.isAlive()) {
            ended(sandbox, process); // gone, but its exit not handled yet: a crash all the same, counted once
            process = sandbox.process;
        }
        if (process == null) {
            if (SandboxState.CRASHED.equals(sandbox.state)) {
                sandbox.files = files; // the restart brings up the last good version; this one waits for the next reload
                return;
            }
            start(sandbox, newest.sequence(), files, sandbox.lastState, false);
            if (SandboxState.READY.equals(sandbox.state)) {
                reportReloaded(sandbox, newest, sandbox.process.loadResult(), superseded);
            }
            return;
        }
        applyReload(sandbox, process, newest, files, superseded);
    }

    private void applyReload(Sandbox sandbox, RunningSandbox process, ReloadRequested reload, List<FileRef> files, List<Long> superseded) {
        long sequence = reload.sequence();
        java.nio.file.Path dir;
        try {
            dir = bundles.materialise(sandbox.tenantId(), sandbox.sessionId(), sequence, files);
        } catch (IOException e) {
            rolledBack(sandbox, sequence, new ReloadError("cannot fetch the bundle: " + e.getMessage(), "", "fetch"), null,
                    superseded);
            return;
        }
        sandbox.state = SandboxState.RELOADING;
        JsonNode result;
        try {
            result = Replies.await(process.reload(dir, sandbox.entry(), sequence), 4L * config.hookTimeoutMs() + 60_000);
        } catch (HarnessError e) {
            // The process died or stopped answering mid-reload: the crash path restores the last good version.
            boolean alive = process.isAlive();
            sandbox.state = alive ? SandboxState.READY : SandboxState.CRASHED;
            rolledBack(sandbox, sequence, error(e.error()), null, superseded);
            if (!alive) {
                ended(sandbox, process);
            }
            return;
        }
        switch (result.path("result").asText()) {
            case "reloaded" -> {
                sandbox.files = files;
                sandbox.sequence = sequence;
                sandbox.lastGood = new BundleVersion(sequence, dir, files);
                sandbox.state = SandboxState.READY;
                snapshot(sandbox);
                reportReloaded(sandbox, reload, result, superseded);
                bundles.prune(sandbox.sessionId(), Set.of(sequence));
            }
            case "rolled-back" -> {
                sandbox.state = SandboxState.READY;
                rolledBack(sandbox, sequence, error(result.path("error")), result, superseded);
            }
            default -> rollbackFailed(sandbox, process, reload, result, superseded);
        }
    }

    /** No plugin is loaded any more: a fresh process on the last good version with its last saved state. */
    private void rollbackFailed(Sandbox sandbox, RunningSandbox process, ReloadRequested reload, JsonNode result, List<Long> superseded) {
        sandbox.process = null;
        process.stop();
        BundleVersion good = sandbox.lastGood;
        try {
            sandbox.process = launch(sandbox, good.sequence(), good.files(), sandbox.lastState);
            sandbox.state = SandboxState.READY;
            rolledBack(sandbox, reload.sequence(), error(result.path("error")), result, superseded);
        } catch (SandboxStartException e) {
            sandbox.state = SandboxState.FAILED;
            sandbox.lastError = e.getMessage();
            ReloadError error = error(result.path("error"));
            events.record(sandbox, EventTypes.RELOAD_FAILED, new ReloadFailure(reload.sequence(), error,
                    result.path("durationMs").asLong(), null, superseded), tx -> events.attempt(tx, sandbox, reload.sequence(),
                    "failed", result.path("durationMs").asLong(), result.get("phases"), error));
        }
    }

    private void reportReloaded(Sandbox sandbox, ReloadRequested reload, JsonNode result, List<Long> superseded) {
        long durationMs = result.path("durationMs").asLong();
        JsonNode phases = result.get("phases");
        sandbox.reloads++;
        sandbox.lastReload = new LastReload(reload.sequence(), "reloaded", durationMs, phases);
        ReloadPhases reloadPhases = phases == null ? null : EventCodec.mapper().convertValue(phases, ReloadPhases.class);
        events.record(sandbox, EventTypes.RELOADED, new Reloaded(reload.sequence(), durationMs, reloadPhases,
                reload.changedFiles(), reload.buildHash(), superseded.isEmpty() ? null : superseded), tx ->
                events.attempt(tx, sandbox, reload.sequence(), "reloaded", durationMs, phases, null)
                        .flatMap(v -> events.version(tx, sandbox, reload.sequence()))
                        .flatMap(v -> events.superseded(tx, sandbox, superseded)));
    }

    private void rolledBack(Sandbox sandbox, long sequence, ReloadError error, JsonNode result, List<Long> superseded) {
        Long durationMs = result == null ? null : result.path("durationMs").asLong();
        JsonNode phases = result == null ? null : result.get("phases");
        long restored = sandbox.sequence;
        sandbox.reloads++;
        sandbox.lastReload = new LastReload(sequence, "rolled-back", durationMs, phases);
        events.record(sandbox, EventTypes.ROLLED_BACK, new ReloadFailure(sequence, error, durationMs, restored,
                superseded.isEmpty() ? null : superseded), tx ->
                events.attempt(tx, sandbox, sequence, "rolled-back", durationMs, phases, error)
                        .flatMap(v -> events.superseded(tx, sandbox, superseded)));
    }

    /**
     * {@code process} went away without being asked (or announced that it is going): if it is still the session's
     * process, that is one crash, recorded here whichever path noticed first (its exit watcher, a failed call, a
     * reload); the other paths then find it handled. Waits briefly for the exit itself (a harness exits within about
     * a second of announcing it) for the exit code, and ends a process that announced its end but stays.
     */
    private void ended(Sandbox sandbox, RunningSandbox process) {
        if (sandbox.process != process) {
            return; // handled already, or replaced or stopped on purpose
        }
        Integer exitCode = process.awaitExit(EXIT_WAIT_MS);
        String reason = process.exitReason();
        if (exitCode == null) {
            process.stop();
            reason = "the sandbox process announced its end" + (reason == null ? "" : " (" + reason + ")")
                    + " but did not exit; it was ended";
        } else if (reason != null) {
            reason = "the sandbox process exited with code " + exitCode + ": " + reason;
        }
        crashed(sandbox, exitCode, exitCode != null && exitCode == 137 ? "SIGKILL" : null, reason);
    }

    /**
     * Returns once the end of {@code process} (found not alive by a caller) has been recorded on the session's worker,
     * so that whoever saw a call fail because of it then finds the sandbox crashed, never still {@code ready} with
     * the crash not yet counted. Bounded: the worker may be busy with a reload.
     */
    public void awaitEnd(Sandbox sandbox, RunningSandbox process) {
        if (sandbox.process != process || process == null || process.isAlive()) {
            return;
        }
        CompletableFuture<Void> recorded = new CompletableFuture<>();
        run(sandbox, () -> ended(sandbox, process), () -> recorded.complete(null));
        try {
            recorded.get(EXIT_WAIT_MS + 4L * config.hookTimeoutMs() + 30_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            Log.debugf("end of the sandbox of %s not recorded yet: %s", sandbox.sessionId(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The process exited on its own: crashed, and restarted after a backoff unless it crashes too often. */
    private void crashed(Sandbox sandbox, Integer exitCode, String signal, String reason) {
        if (sandbox.ended) {
            return;
        }
        Instant now = Instant.now();
        while (!sandbox.restartTimes.isEmpty() && sandbox.restartTimes.peekFirst().isBefore(now.minus(CRASH_WINDOW))) {
            sandbox.restartTimes.pollFirst();
        }
        int tries = sandbox.restartTimes.size();
        boolean willRestart = tries < MAX_RESTARTS_IN_WINDOW && sandbox.lastGood != null;
        long backoffMs = Math.min(30_000L, (long) config.restartBackoffMs() << Math.min(tries, 5));
        String message = reason != null ? reason : "the sandbox process exited with code " + exitCode;
        sandbox.lastError = message;
        sandbox.state = willRestart ? SandboxState.CRASHED : SandboxState.FAILED;
        sandbox.process = null; // after the state: a reader that finds the process gone finds the crash too
        events.record(sandbox, EventTypes.SANDBOX_CRASHED, new SandboxCrashed(exitCode, signal, sandbox.restarts, willRestart,
                logsMask(message), willRestart ? backoffMs : null));
        if (willRestart) {
            timers.schedule(() -> run(sandbox, () -> restart(sandbox)), backoffMs, TimeUnit.MILLISECONDS);
        }
    }

    private void restart(Sandbox sandbox) {
        if (sandbox.ended || !SandboxState.CRASHED.equals(sandbox.state)) {
            return;
        }
        sandbox.restarts++;
        sandbox.restartTimes.addLast(Instant.now());
        BundleVersion good = sandbox.lastGood;
        start(sandbox, good.sequence(), good.files(), sandbox.lastState, true);
        drainReloads(sandbox); // reloads that arrived while it was down
    }

    private void stop(Sandbox sandbox, String reason) {
        if (sandbox.ended) {
            return;
        }
        sandbox.ended = true;
        live.remove(sandbox.sessionId(), sandbox);
        sandbox.takeReloads();
        RunningSandbox process = sandbox.process;
        if (process != null) {
            process.stop();
        }
        sandbox.process = null;
        sandbox.state = SandboxState.STOPPED;
        events.record(sandbox, EventTypes.SANDBOX_STOPPED, new SandboxStopped(reason, null));
        logs.close(sandbox);
        bundles.deleteSession(sandbox.sessionId());
        ExecutorService worker = workers.remove(sandbox.sessionId());
        if (worker != null) {
            worker.shutdown();
        }
        // Readable (state stopped) for a while, then forgotten: the database keeps the record.
        timers.schedule(() -> sandboxes.remove(sandbox.sessionId(), sandbox), STOPPED_RETENTION.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Saves the plugin's state for crash recovery (after each successful load, reload and invoke). */
    void snapshot(Sandbox sandbox) {
        RunningSandbox process = sandbox.process;
        if (process == null || !process.invocable()) {
            return;
        }
        try {
            JsonNode result = Replies.await(process.getState(), 2L * config.hookTimeoutMs());
            if (result.hasNonNull("state")) {
                Instant at = Instant.now();
                sandbox.lastState = result.get("state");
                if (!sandbox.ended) {
                    events.saveState(sandbox, sandbox.lastState, at); // what a restarted orchestrator restores
                }
            }
        } catch (HarnessError e) {
            Log.debugf("state snapshot of %s failed: %s", sandbox.sessionId(), e.getMessage());
        }
    }

    private SandboxListener listener(Sandbox sandbox) {
        return new SandboxListener() {
            @Override
            public void onLog(String level, String source, String message, Long sequence, Long dropped) {
                logs.line(sandbox, level, source, message, sequence != null ? sequence : sandbox.sequence, dropped);
            }

            @Override
            public void onExit(RunningSandbox exited) {
                run(sandbox, () -> ended(sandbox, exited));
            }
        };
    }

    private ReloadError error(JsonNode e) {
        return new ReloadError(logsMask(e.path("message").asText("reload failed")), logsMask(e.path("stack").asText("")),
                e.path("phase").asText(null));
    }

    private String logsMask(String text) {
        return text == null ? null : logs.mask(text);
    }

    /** Runs {@code step} on the session's worker; failures are logged, never lost silently. */
    void run(Sandbox sandbox, Runnable step) {
        run(sandbox, step, () -> { });
    }

    /** Queues {@code step} on the session's worker; {@code done} runs after it (also when it failed or was dropped). */
    private void run(Sandbox sandbox, Runnable step, Runnable done) {
        if (sandbox.ended && !workers.containsKey(sandbox.sessionId())) {
            done.run(); // stopped or let go: nothing more runs for it (a late exit, a restart timer)
            return;
        }
        ExecutorService worker = workers.computeIfAbsent(sandbox.sessionId(),
                id -> Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("sandbox-" + id).factory()));
        try {
            worker.execute(() -> {
                try {
                    step.run();
                } catch (OwnershipLostException e) {
                    release(sandbox, e.getMessage());
                } catch (RuntimeException e) {
                    Log.errorf(e, "sandbox step of session %s failed", sandbox.sessionId());
                } finally {
                    done.run();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            Log.debugf("session %s has ended; step dropped", sandbox.sessionId());
            done.run();
        }
    }

    /**
     * Takes over sandboxes claimed in the database: this instance's own after a restart, or a dead instance's it
     * adopted. Each that served a version is restarted on that version with its last saved state (reported
     * {@code dev.session.sandbox.ready} with {@code restarts}); one waiting for files waits again; a failed one waits
     * for its next reload; one whose registration was never acted on is left to that registration (its pending row
     * comes with it). One this instance runs already is left as it is. Their pending lifecycle events are to be
     * dispatched after this, so that they follow the restarts.
     */
    public void bringBack(List<SandboxRepository.Saved> saved) {
        for (SandboxRepository.Saved s : saved) {
            if (SandboxState.STARTING.equals(s.state()) && s.filesJson() == null) {
                continue;
            }
            List<FileRef> files = s.filesJson() == null ? List.of() : parse(s.filesJson(), new com.fasterxml.jackson.core.type.TypeReference<List<FileRef>>() { });
            Sandbox sandbox = new Sandbox(s.sessionId(), s.tenantId(), s.pluginId(), s.runtime(), s.entry(), s.sandboxEndpoint(), files);
            sandbox.sequence = s.sequence();
            sandbox.reloads = s.reloads();
            sandbox.restarts = s.restarts();
            sandbox.lastState = s.savedStateJson() == null ? null : parse(s.savedStateJson(), new com.fasterxml.jackson.core.type.TypeReference<JsonNode>() { });
            if (sandboxes.putIfAbsent(s.sessionId(), sandbox) != null) {
                continue;
            }
            live.put(s.sessionId(), sandbox);
            if (SandboxState.WAITING_FOR_FILES.equals(s.state())) {
                sandbox.state = SandboxState.WAITING_FOR_FILES;
            } else if (s.filesJson() == null) {
                sandbox.state = SandboxState.FAILED; // never served a version: its next reload starts it
                sandbox.lastError = "the orchestrator restarted before this sandbox served a version";
            } else {
                sandbox.lastGood = new BundleVersion(s.sequence(), bundles.versionDir(s.sessionId(), s.sequence()), files);
                sandbox.lastReload = new LastReload(s.sequence(), "reloaded", null, null);
                sandbox.state = SandboxState.CRASHED;
                run(sandbox, () -> restart(sandbox));
            }
        }
    }

    /** The sandboxes whose session has not ended here. */
    public Collection<Sandbox> live() {
        return live.values();
    }

    /** Process slots still free under {@code PX_SANDBOX_MAX}. */
    public int freeSlots() {
        return (int) Math.max(0, config.max() - live.values().stream().filter(Sandbox::occupiesSlot).count());
    }

    /**
     * Another instance owns {@code sandbox}'s session now (its lease ran out and was adopted): the local process is
     * stopped and the sandbox forgotten here, with nothing written or reported: the owner does that.
     */
    public void letGo(Sandbox sandbox, String why) {
        run(sandbox, () -> release(sandbox, why));
    }

    private void release(Sandbox sandbox, String why) {
        Log.warnf("session %s: %s; its sandbox is stopped here without a report (its owner reports)", sandbox.sessionId(), why);
        sandbox.ended = true;
        live.remove(sandbox.sessionId(), sandbox);
        sandbox.takeReloads();
        RunningSandbox process = sandbox.process;
        sandbox.process = null;
        if (process != null) {
            process.stop();
        }
        logs.close(sandbox);
        bundles.deleteSession(sandbox.sessionId());
        sandboxes.remove(sandbox.sessionId(), sandbox);
        ExecutorService worker = workers.remove(sandbox.sessionId());
        if (worker != null) {
            worker.shutdown();
        }
    }

    /** Reads a JSON column saved by {@link SandboxRepository}: a file list or a plugin state. */
    private static <T> T parse(String json, com.fasterxml.jackson.core.type.TypeReference<T> type) {
        try {
            return EventCodec.mapper().readValue(json, type);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable saved sandbox: " + e.getMessage(), e);
        }
    }

    /** Stops every process (in parallel, each asked to shut down first); called once, when the instance stops. */
    public void shutdown() {
        timers.shutdownNow();
        List<Thread> stopping = new ArrayList<>();
        for (Sandbox sandbox : sandboxes.values()) {
            RunningSandbox process = sandbox.process;
            sandbox.ended = true;
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
        workers.values().forEach(ExecutorService::shutdownNow);
    }
}
