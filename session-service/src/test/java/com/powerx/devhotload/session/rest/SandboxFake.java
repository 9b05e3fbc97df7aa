package com.powerx.devhotload.session.rest;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventSources;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.payload.ReloadError;
import com.powerx.devhotload.contracts.payload.ReloadFailure;
import com.powerx.devhotload.contracts.payload.ReloadPhases;
import com.powerx.devhotload.contracts.payload.Reloaded;
import com.powerx.devhotload.contracts.payload.SandboxReady;
import com.powerx.devhotload.devstack.EventProbe;

import java.util.List;

/**
 * Publishes what the orchestrator would report, on the real topic: session-service's interface to the sandbox is
 * {@code dev.session.sandbox}, so these tests drive it there rather than running sandboxes.
 */
final class SandboxFake {

    private SandboxFake() {
    }

    static CloudEvent ready(String tenant, String plugin, String sessionId) {
        return event(EventTypes.SANDBOX_READY, tenant, plugin, sessionId, new SandboxReady(sessionId, "node", 0, 40L, 0));
    }

    static CloudEvent reloaded(String tenant, String plugin, String sessionId, long sequence, List<Long> superseded) {
        return event(EventTypes.RELOADED, tenant, plugin, sessionId, new Reloaded(sequence, 42, new ReloadPhases(1L, 1L, 30L, 5L, 1L, 4L),
                List.of("index.mjs"), null, superseded));
    }

    static CloudEvent rolledBack(String tenant, String plugin, String sessionId, long sequence) {
        return event(EventTypes.ROLLED_BACK, tenant, plugin, sessionId, new ReloadFailure(sequence,
                new ReloadError("SyntaxError: Unexpected token", "at index.mjs:1", "load"), 17L, sequence - 1, null));
    }

    static void publish(EventProbe probe, CloudEvent event) {
        probe.publish(event);
    }

    private static CloudEvent event(String type, String tenant, String plugin, String sessionId, Object payload) {
        return CloudEvent.create(EventSources.SANDBOX_ORCHESTRATOR, type, sessionId, tenant, plugin, sessionId, payload);
    }
}
