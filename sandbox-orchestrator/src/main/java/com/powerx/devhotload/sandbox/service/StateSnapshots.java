package com.powerx.devhotload.sandbox.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.sandbox.config.SandboxConfig;
import com.powerx.devhotload.sandbox.domain.Sandbox;
import com.powerx.devhotload.sandbox.driver.HarnessError;
import com.powerx.devhotload.sandbox.driver.Replies;
import com.powerx.devhotload.sandbox.driver.RunningSandbox;
import com.powerx.devhotload.sandbox.repository.SandboxStore;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** The plugin's state, saved for crash recovery after each successful load, reload and invoke. */
@ApplicationScoped
public class StateSnapshots {

    private final SandboxConfig config;
    private final SandboxStore store;

    public StateSnapshots(SandboxConfig config, SandboxStore store) {
        this.config = config;
        this.store = store;
    }

    /** Asks the plugin for its state and keeps it (here, and in the database for a restarted orchestrator). */
    public void snapshot(Sandbox sandbox) {
        RunningSandbox process = sandbox.process();
        if (process == null || !process.invocable()) {
            return;
        }
        try {
            JsonNode result = Replies.await(process.getState(), 2L * config.hookTimeoutMs());
            if (result.hasNonNull("state")) {
                Instant at = Instant.now();
                sandbox.stateSaved(result.get("state"));
                if (!sandbox.ended()) {
                    store.saveState(sandbox, sandbox.lastState(), at); // what a restarted orchestrator restores
                }
            }
        } catch (HarnessError e) {
            Log.debugf("state snapshot of %s failed: %s", sandbox.sessionId(), e.getMessage());
        }
    }
}
