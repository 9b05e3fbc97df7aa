package com.powerx.devhotload.sandbox.driver;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.logging.Log;

import java.util.concurrent.CompletableFuture;

/**
 * A sandbox driven over a harness's control connection (docs/sandbox-protocol.md): what a local harness process and a
 * harness in a pod share. Subclasses own how the harness runs, reloads and ends.
 */
abstract class HarnessSandbox implements RunningSandbox {

    protected final SandboxSpec spec;
    protected final SandboxListener listener;
    protected final HarnessEvents events;
    protected volatile HarnessConnection connection;
    protected volatile boolean stopping;
    private JsonNode loadResult;

    HarnessSandbox(SandboxSpec spec, SandboxListener listener) {
        this.spec = spec;
        this.listener = listener;
        this.events = new HarnessEvents(listener);
    }

    /** The first load, from the version's directory as the harness sees it; a failed one ends the sandbox. */
    void load(String wireDir, long timeoutMs) throws SandboxStartException {
        try {
            loadResult = Replies.await(connection.request("load", HarnessEvents.loadFields(spec, listener, wireDir)), timeoutMs);
        } catch (HarnessError e) {
            endAfterFailedLoad();
            throw SandboxStartException.of(e);
        }
    }

    /** A start that failed in its first load: whatever runs the harness goes. */
    protected abstract void endAfterFailedLoad();

    protected void loaded(JsonNode result) {
        loadResult = result;
    }

    /** Asks the harness to shut down (its plugin's teardown runs), waiting up to 10 s for the answer. */
    protected void requestShutdown() {
        HarnessConnection c = connection;
        if (c != null && c.isOpen()) {
            try {
                Replies.await(c.request("shutdown", null), 10_000);
            } catch (HarnessError e) {
                Log.debugf("sandbox %s did not shut down cleanly: %s", spec.sessionId(), e.getMessage());
            }
        }
    }

    @Override
    public JsonNode loadResult() {
        return loadResult;
    }

    @Override
    public CompletableFuture<JsonNode> invoke(String handler, JsonNode payload, int timeoutMs) {
        return connection.request("invoke", HarnessEvents.invokeFields(handler, payload, timeoutMs));
    }

    @Override
    public CompletableFuture<JsonNode> getState() {
        return connection.request("getState", null);
    }

    @Override
    public CompletableFuture<JsonNode> ping() {
        return connection.request("ping", null);
    }

    @Override
    public boolean invocable() {
        return true;
    }

    @Override
    public String exitReason() {
        return events.fatalReason();
    }
}
