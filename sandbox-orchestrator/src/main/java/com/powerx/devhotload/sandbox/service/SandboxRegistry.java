package com.powerx.devhotload.sandbox.service;

import com.powerx.devhotload.sandbox.config.SandboxConfig;
import com.powerx.devhotload.sandbox.domain.Sandbox;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The sandboxes this instance knows: the live ones (their session has not ended here) and stopped ones kept for reads. */
@ApplicationScoped
public class SandboxRegistry {

    private final SandboxConfig config;
    private final Map<String, Sandbox> sandboxes = new ConcurrentHashMap<>();
    /** The sandboxes whose session has not ended: the capacity check scans these, not the stopped ones kept for reads. */
    private final Map<String, Sandbox> live = new ConcurrentHashMap<>();

    public SandboxRegistry(SandboxConfig config) {
        this.config = config;
    }

    public Sandbox find(String sessionId) {
        return sessionId == null ? null : sandboxes.get(sessionId);
    }

    public Collection<Sandbox> all() {
        return sandboxes.values();
    }

    /** The sandboxes whose session has not ended here. */
    public Collection<Sandbox> live() {
        return live.values();
    }

    /** Adds {@code sandbox} as live, unless its session is known already: false then, and nothing changes. */
    boolean add(Sandbox sandbox) {
        if (sandboxes.putIfAbsent(sandbox.sessionId(), sandbox) != null) {
            return false;
        }
        live.put(sandbox.sessionId(), sandbox);
        return true;
    }

    /** Its session ended here: it no longer counts against the cap (it stays readable until {@link #forget}). */
    void ended(Sandbox sandbox) {
        live.remove(sandbox.sessionId(), sandbox);
    }

    void forget(Sandbox sandbox) {
        sandboxes.remove(sandbox.sessionId(), sandbox);
    }

    /** How many process slots the sandboxes other than {@code sandbox} hold. */
    long slotsHeldBesides(Sandbox sandbox) {
        return live.values().stream().filter(s -> s != sandbox && s.occupiesSlot()).count();
    }

    /** Process slots (pods with the kubernetes driver) the live sandboxes hold: starting, running or awaiting a restart. */
    public long slotsHeld() {
        return live.values().stream().filter(Sandbox::occupiesSlot).count();
    }

    /** Process slots still free under {@code PX_SANDBOX_MAX}. */
    public int freeSlots() {
        return (int) Math.max(0, config.max() - slotsHeld());
    }
}
