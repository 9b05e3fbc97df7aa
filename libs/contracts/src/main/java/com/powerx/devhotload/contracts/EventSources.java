package com.powerx.devhotload.contracts;

/** The CloudEvents {@code source} of each producing service (CONTRACT.md §9: "/session-service", ...). */
public final class EventSources {

    public static final String SESSION_SERVICE = "/session-service";
    public static final String SANDBOX_ORCHESTRATOR = "/sandbox-orchestrator";
    public static final String STREAM_GATEWAY = "/stream-gateway";
    public static final String TELEMETRY_INGEST = "/telemetry-ingest";
    public static final String DIAGNOSTICS_SERVICE = "/diagnostics-service";
    public static final String TICKET_BRIDGE = "/ticket-bridge";

    private EventSources() {
    }
}
