package com.powerx.devhotload.sandbox.service;

import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.payload.SandboxCrashed;
import com.powerx.devhotload.contracts.state.SandboxState;
import com.powerx.devhotload.sandbox.config.SandboxConfig;
import com.powerx.devhotload.sandbox.domain.BundleVersion;
import com.powerx.devhotload.sandbox.domain.Sandbox;
import com.powerx.devhotload.sandbox.driver.RunningSandbox;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A process that went away without being asked: one crash, recorded once by whichever path saw it first, then a
 * restart on the last good version after a backoff, unless it crashes too often (CONTRACT.md §4).
 */
@ApplicationScoped
public class CrashHandling {

    static final Duration CRASH_WINDOW = Duration.ofMinutes(5);
    static final int MAX_RESTARTS_IN_WINDOW = 5;
    /** How long a harness that announced its end may take to exit (it flushes, then exits within about 1 s). */
    static final long EXIT_WAIT_MS = 5_000;

    private final SandboxConfig config;
    private final SessionWorkers workers;
    private final SandboxStarts starts;
    private final Reloads reloads;
    private final SandboxEvents events;
    private final ReloadErrors errors;

    public CrashHandling(SandboxConfig config, SessionWorkers workers, SandboxStarts starts, Reloads reloads,
                         SandboxEvents events, ReloadErrors errors) {
        this.config = config;
        this.workers = workers;
        this.starts = starts;
        this.reloads = reloads;
        this.events = events;
        this.errors = errors;
    }

    /**
     * {@code process} went away without being asked (or announced that it is going): if it is still the session's
     * process, that is one crash, recorded here whichever path noticed first (its exit watcher, a failed call, a
     * reload); the other paths then find it handled. Waits briefly for the exit itself (a harness exits within about
     * a second of announcing it) for the exit code, and ends a process that announced its end but stays.
     */
    void ended(Sandbox sandbox, RunningSandbox process) {
        if (sandbox.process() != process) {
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
        if (sandbox.process() != process || process == null || process.isAlive()) {
            return;
        }
        CompletableFuture<Void> recorded = new CompletableFuture<>();
        workers.run(sandbox, () -> ended(sandbox, process), () -> recorded.complete(null));
        try {
            recorded.get(EXIT_WAIT_MS + 4L * config.hookTimeoutMs() + 30_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            Log.debugf("end of the sandbox of %s not recorded yet: %s", sandbox.sessionId(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The process exited on its own: crashed, and restarted after a backoff unless it crashes too often. */
    void crashed(Sandbox sandbox, Integer exitCode, String signal, String reason) {
        if (sandbox.ended()) {
            return;
        }
        int tries = sandbox.restartsWithin(CRASH_WINDOW, Instant.now());
        boolean willRestart = tries < MAX_RESTARTS_IN_WINDOW && sandbox.lastGood() != null;
        long backoffMs = Math.min(30_000L, (long) config.restartBackoffMs() << Math.min(tries, 5));
        String message = reason != null ? reason : "the sandbox process exited with code " + exitCode;
        sandbox.crashed(message, willRestart);
        events.record(sandbox, EventTypes.SANDBOX_CRASHED, new SandboxCrashed(exitCode, signal, sandbox.restarts(), willRestart,
                errors.mask(message), willRestart ? backoffMs : null));
        if (willRestart) {
            workers.later(sandbox, () -> restart(sandbox), backoffMs);
        }
    }

    /** Back on the last good version with the last saved state, then the reloads that arrived while it was down. */
    void restart(Sandbox sandbox) {
        if (sandbox.ended() || sandbox.state() != SandboxState.CRASHED) {
            return;
        }
        sandbox.restarting(Instant.now());
        BundleVersion good = sandbox.lastGood();
        starts.start(sandbox, good.sequence(), good.files(), sandbox.lastState(), true);
        reloads.drain(sandbox); // reloads that arrived while it was down
    }
}
