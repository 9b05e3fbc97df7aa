package com.powerx.devhotload.sandbox.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.contracts.payload.FileRef;
import com.powerx.devhotload.contracts.payload.ReloadRequested;
import com.powerx.devhotload.contracts.state.ReloadResult;
import com.powerx.devhotload.contracts.state.SandboxState;
import com.powerx.devhotload.sandbox.driver.RunningSandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * One session's sandbox. It changes only through its transitions, called on the session's own worker thread (one at a
 * time); its fields are volatile so REST reads and invokes see them. Reloads queue until the worker takes them.
 */
public final class Sandbox {

    private final String sessionId;
    private final String tenantId;
    private final String pluginId;
    private final String runtime;
    private final String entry;
    private final String sandboxEndpoint;

    private volatile SandboxState state = SandboxState.STARTING;
    private volatile long sequence;
    private volatile String lastError;
    private volatile RunningSandbox process;
    private volatile BundleVersion lastGood;
    private volatile List<FileRef> files;
    private volatile JsonNode lastState;
    private volatile int reloads;
    private volatile int restarts;
    private volatile Instant startedAt;
    private volatile LastReload lastReload;
    private volatile boolean ended;
    /** Its last start was refused because the instance was full: a retry later (a reload) can succeed. */
    private volatile boolean refusedForCapacity;
    /** Times of the restarts in the crash window (CONTRACT.md §4: at most 5 in 5 minutes). */
    private final Deque<Instant> restartTimes = new ArrayDeque<>();
    private final List<ReloadRequested> pendingReloads = new ArrayList<>();
    private final Map<String, String> env;

    public Sandbox(String sessionId, String tenantId, String pluginId, String runtime, String entry, String sandboxEndpoint,
                   List<FileRef> files) {
        this(sessionId, tenantId, pluginId, runtime, entry, sandboxEndpoint, files, Map.of());
    }

    /** {@code env}: the manifest's env map from the registration, the plugin's declared environment (CONTRACT.md §4). */
    public Sandbox(String sessionId, String tenantId, String pluginId, String runtime, String entry, String sandboxEndpoint,
                   List<FileRef> files, Map<String, String> env) {
        this.env = env == null ? Map.of() : Map.copyOf(env);
        this.sessionId = sessionId;
        this.tenantId = tenantId;
        this.pluginId = pluginId;
        this.runtime = runtime;
        this.entry = entry;
        this.sandboxEndpoint = sandboxEndpoint;
        this.files = files == null ? List.of() : List.copyOf(files);
    }

    public String sessionId() { return sessionId; }
    public Map<String, String> env() { return env; }
    public String tenantId() { return tenantId; }
    public String pluginId() { return pluginId; }
    public String runtime() { return runtime; }
    public String entry() { return entry; }
    public String sandboxEndpoint() { return sandboxEndpoint; }
    public SandboxState state() { return state; }
    public long sequence() { return sequence; }
    public String lastError() { return lastError; }
    public RunningSandbox process() { return process; }
    public BundleVersion lastGood() { return lastGood; }
    public List<FileRef> files() { return files; }
    public JsonNode lastState() { return lastState; }
    public int reloads() { return reloads; }
    public int restarts() { return restarts; }
    public Instant startedAt() { return startedAt; }
    public LastReload lastReload() { return lastReload; }
    public boolean ended() { return ended; }
    public boolean refusedForCapacity() { return refusedForCapacity; }

    // ---- transitions ---------------------------------------------------------------------------------------------

    /** Brought back from its saved row (a restart of this instance, or adopted): counts and plugin state as saved. */
    public void restoredFromRow(long sequence, int reloads, int restarts, JsonNode lastState) {
        this.sequence = sequence;
        this.reloads = reloads;
        this.restarts = restarts;
        this.lastState = lastState;
    }

    /** Registered with blobs still missing: it starts once session-service reports the files complete. */
    public void waitForFiles() {
        state = SandboxState.WAITING_FOR_FILES;
    }

    public void starting() {
        state = SandboxState.STARTING;
    }

    /** A process serves {@code version} now. */
    public void started(RunningSandbox process, BundleVersion version, Instant at) {
        this.process = process;
        this.files = version.files();
        this.sequence = version.sequence();
        this.lastGood = version;
        this.startedAt = at;
        this.state = SandboxState.READY;
        this.lastError = null;
        this.refusedForCapacity = false;
    }

    /** A (first) start failed: no process, and the failed attempt is its last reload. */
    public void startFailed(String error, boolean refusedForCapacity, LastReload attempt) {
        this.state = SandboxState.FAILED;
        this.lastError = error;
        this.refusedForCapacity = refusedForCapacity;
        this.process = null;
        this.lastReload = attempt;
    }

    /** Failed with {@code error} and no plugin loaded: its next reload starts it. */
    public void failed(String error) {
        this.state = SandboxState.FAILED;
        this.lastError = error;
    }

    /** Down and waiting for its restart: a later restart or reload brings up {@code files}. */
    public void keepFiles(List<FileRef> files) {
        this.files = files;
    }

    public void reloading() {
        state = SandboxState.RELOADING;
    }

    /** The harness stopped answering mid-reload: serving the old version if it still runs, crashed otherwise. */
    public void reloadInterrupted(boolean alive) {
        state = alive ? SandboxState.READY : SandboxState.CRASHED;
    }

    /** The plugin serves {@code version} now (hot-swapped in the running process). */
    public void reloaded(BundleVersion version) {
        this.files = version.files();
        this.sequence = version.sequence();
        this.lastGood = version;
        this.state = SandboxState.READY;
    }

    /** The new version was refused and the old one serves again. */
    public void rolledBack() {
        state = SandboxState.READY;
    }

    /** The process is about to be replaced (a failed rollback): nothing serves meanwhile. */
    public RunningSandbox dropProcess() {
        RunningSandbox dropped = process;
        process = null;
        return dropped;
    }

    /** A fresh process serves the last good version again (after a failed rollback). */
    public void relaunched(RunningSandbox process) {
        this.process = process;
        this.state = SandboxState.READY;
    }

    /** Counts a reload attempt that reached the sandbox, and keeps its outcome for reads. */
    public void reloadAttempted(LastReload outcome) {
        reloads++;
        lastReload = outcome;
    }

    /** The restarts within {@code window} before {@code now} (older ones are forgotten). */
    public int restartsWithin(Duration window, Instant now) {
        while (!restartTimes.isEmpty() && restartTimes.peekFirst().isBefore(now.minus(window))) {
            restartTimes.pollFirst();
        }
        return restartTimes.size();
    }

    /** Its process went away: crashed (to be restarted) or failed (not), with {@code error}. */
    public void crashed(String error, boolean willRestart) {
        lastError = error;
        state = willRestart ? SandboxState.CRASHED : SandboxState.FAILED;
        process = null; // after the state: a reader that finds the process gone finds the crash too
    }

    /** A restart begins at {@code at}: counted, and remembered for the crash window. */
    public void restarting(Instant at) {
        restarts++;
        restartTimes.addLast(at);
    }

    /** Brought back without a process: it last served {@code lastGood} and is to be restarted on it. */
    public void awaitingRestart(BundleVersion lastGood) {
        this.lastGood = lastGood;
        this.lastReload = new LastReload(lastGood.sequence(), ReloadResult.RELOADED, null, null);
        this.state = SandboxState.CRASHED;
    }

    /** Nothing more runs for it here (stopped, let go, or the instance stops); queued reloads are dropped. */
    public void end() {
        ended = true;
        takeReloads();
    }

    /** Its session ended: the process (already stopped) is gone. */
    public void stopped() {
        process = null;
        state = SandboxState.STOPPED;
    }

    /** The plugin's state after a successful load, reload or invoke: what a restart restores. */
    public void stateSaved(JsonNode pluginState) {
        lastState = pluginState;
    }

    public synchronized void queueReload(ReloadRequested reload) {
        pendingReloads.add(reload);
    }

    /** Everything queued so far, oldest sequence first; the queue is left empty. */
    public synchronized List<ReloadRequested> takeReloads() {
        List<ReloadRequested> taken = new ArrayList<>(pendingReloads);
        pendingReloads.clear();
        taken.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
        return taken;
    }

    /** Whether it runs a process here at all (node, python), i.e. counts against {@code PX_SANDBOX_MAX}. */
    public boolean needsSlot() {
        return !"external".equals(runtime);
    }

    /**
     * Whether it holds (or is about to hold) a process slot of this instance. An external sandbox runs on the
     * developer's machine: it costs this instance a probe, not a process, so it never counts against the cap.
     */
    public boolean occupiesSlot() {
        if (!needsSlot()) {
            return false;
        }
        RunningSandbox p = process;
        return !ended && (state == SandboxState.STARTING || (p != null && p.isAlive()) || state == SandboxState.CRASHED);
    }
}
