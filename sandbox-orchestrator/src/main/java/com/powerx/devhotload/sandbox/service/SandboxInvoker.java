package com.powerx.devhotload.sandbox.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.contracts.state.SandboxState;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.ErrorCode;
import com.powerx.devhotload.platform.security.Caller;
import com.powerx.devhotload.sandbox.config.SandboxConfig;
import com.powerx.devhotload.sandbox.domain.Sandbox;
import com.powerx.devhotload.sandbox.driver.HarnessError;
import com.powerx.devhotload.sandbox.driver.Replies;
import com.powerx.devhotload.sandbox.driver.RunningSandbox;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;

/** Runs a handler of a session's active version for a caller of the session's tenant (CONTRACT.md §4). */
@ApplicationScoped
public class SandboxInvoker {

    private final SandboxRegistry registry;
    private final CrashHandling crashes;
    private final StateSnapshots snapshots;
    private final SandboxConfig config;
    private final LogPublisher logs;
    private final InvokeFailures failures;

    public SandboxInvoker(SandboxRegistry registry, CrashHandling crashes, StateSnapshots snapshots, SandboxConfig config,
                          LogPublisher logs, InvokeFailures failures) {
        this.registry = registry;
        this.crashes = crashes;
        this.snapshots = snapshots;
        this.config = config;
        this.logs = logs;
        this.failures = failures;
    }

    /**
     * The caller's sandbox, or 404 (unknown, or another tenant's: its existence must not leak). A sandbox whose process
     * has gone (or announced that it goes) is answered once that end is recorded: never as still {@code ready}.
     */
    public Sandbox visible(Caller caller, String sessionId) {
        caller.requireTenant();
        Sandbox sandbox = registry.find(sessionId);
        if (sandbox == null || !caller.canSeeTenant(sandbox.tenantId())) {
            throw ApiException.notFound("sandbox");
        }
        crashes.awaitEnd(sandbox, sandbox.process());
        return sandbox;
    }

    static final long CAPACITY_RETRY_AFTER_SECONDS = 30;

    /** {@code result} (the handler's return value), {@code durationMs}, {@code sequence}. */
    public JsonNode invoke(Caller caller, String sessionId, String handler, JsonNode payload) {
        Sandbox sandbox = visible(caller, sessionId);
        RunningSandbox process = sandbox.process();
        requireServing(sandbox, process);
        int timeoutMs = config.invokeTimeoutMs();
        JsonNode result;
        long started = System.nanoTime();
        try {
            // A reload in progress may hold the call for up to its own limits before the handler starts.
            result = Replies.await(process.invoke(handler, payload, timeoutMs), timeoutMs + 4L * config.hookTimeoutMs() + 30_000);
        } catch (HarnessError e) {
            long measuredMs = (System.nanoTime() - started) / 1_000_000;
            // The plugin exited during the call: its crash is recorded before the caller hears of it, so a read
            // after this 502 finds it crashed (and then restarted, counted), not ready with nothing counted.
            crashes.awaitEnd(sandbox, process);
            ApiException answer = failure(e);
            if (answer.errorCode() == ErrorCode.DEV_UPSTREAM_FAILED || answer.errorCode() == ErrorCode.DEV_TIMEOUT) {
                failures.report(sandbox, handler, payload, e, measuredMs); // the handler threw, died or timed out
            }
            throw answer;
        }
        snapshots.snapshot(sandbox);
        return result;
    }

    /** 503 (capacity, come back later) or 409 unless {@code process} serves the sandbox's handlers here. */
    private static void requireServing(Sandbox sandbox, RunningSandbox process) {
        SandboxState state = sandbox.state();
        boolean serving = state == SandboxState.READY || state == SandboxState.RELOADING;
        if (state == SandboxState.FAILED && sandbox.refusedForCapacity()) {
            // Not the plugin's fault and not permanent: the client should come back (a reload retries the start).
            throw ApiException.capacityReached(sandbox.lastError(), CAPACITY_RETRY_AFTER_SECONDS);
        }
        if (!serving || process == null || !process.isAlive()) {
            throw ApiException.conflict("sandbox_not_ready", "the sandbox is " + sandbox.state().wire() + ", not ready",
                    Map.of("state", sandbox.state().wire()));
        }
        if (!process.invocable()) {
            throw ApiException.conflict("external_runtime", "an external plugin runs on the developer's machine",
                    Map.of("state", sandbox.state().wire()));
        }
    }

    private ApiException failure(HarnessError e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", logs.mask(e.error().path("message").asText("")));
        error.put("stack", logs.mask(e.error().path("stack").asText("")));
        error.put("phase", e.error().path("phase").asText("invoke"));
        error.put("code", e.code());
        if (e.timedOut()) {
            return new ApiException(ErrorCode.DEV_TIMEOUT, "invoke_timeout", "the handler did not finish in time",
                    Map.of("error", error), null);
        }
        if ("UNKNOWN_HANDLER".equals(e.code()) || "BAD_REQUEST".equals(e.code())) {
            return new ApiException(ErrorCode.DEV_BAD_REQUEST, "unknown_handler", (String) error.get("message"),
                    Map.of("error", error), null);
        }
        if ("NOT_LOADED".equals(e.code()) || "SHUTTING_DOWN".equals(e.code())) {
            return ApiException.conflict("sandbox_not_ready", (String) error.get("message"), Map.of("error", error));
        }
        return new ApiException(ErrorCode.DEV_UPSTREAM_FAILED, "handler_failed", "the handler failed",
                Map.of("error", error), null);
    }
}
