package com.powerx.devhotload.sandbox.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.contracts.payload.FileRef;
import com.powerx.devhotload.contracts.payload.ReloadRequested;
import com.powerx.devhotload.sandbox.driver.RunningSandbox;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One session's sandbox. Its lifecycle fields change only on the session's own worker thread (one at a time); they
 * are volatile so REST reads and invokes see them. Reloads queue in {@link #pendingReloads} until the worker takes them.
 */
public final class Sandbox {

    private final String sessionId;
    private final String tenantId;
    private final String pluginId;
    private final String runtime;
    private final String entry;
    private final String sandboxEndpoint;

    public volatile String state = SandboxState.STARTING;
    public volatile long sequence;
    public volatile String lastError;
    public volatile RunningSandbox process;
    public volatile BundleVersion lastGood;
    public volatile List<FileRef> files;
    public volatile JsonNode lastState;
    public volatile int reloads;
    public volatile int restarts;
    public volatile Instant startedAt;
    public volatile LastReload lastReload;
    public volatile boolean ended;
    /** Its last start was refused because the instance was full: a retry later (a reload) can succeed. */
    public volatile boolean refusedForCapacity;
    /** Times of the restarts in the crash window (CONTRACT.md §4: at most 5 in 5 minutes). */
    public final Deque<Instant> restartTimes = new ArrayDeque<>();
    private final List<ReloadRequested> pendingReloads = new ArrayList<>();

    public Sandbox(String sessionId, String tenantId, String pluginId, String runtime, String entry, String sandboxEndpoint,
                   List<FileRef> files) {
        this.sessionId = sessionId;
        this.tenantId = tenantId;
        this.pluginId = pluginId;
        this.runtime = runtime;
        this.entry = entry;
        this.sandboxEndpoint = sandboxEndpoint;
        this.files = files == null ? List.of() : List.copyOf(files);
    }

    public String sessionId() { return sessionId; }
    public String tenantId() { return tenantId; }
    public String pluginId() { return pluginId; }
    public String runtime() { return runtime; }
    public String entry() { return entry; }
    public String sandboxEndpoint() { return sandboxEndpoint; }

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
        return !ended && (SandboxState.STARTING.equals(state) || (p != null && p.isAlive()) || SandboxState.CRASHED.equals(state));
    }
}
