package com.powerx.devhotload.session.domain;

/** {@code sandbox.state} values (CONTRACT.md §3), as last reported by the orchestrator. */
public final class SandboxState {
    public static final String WAITING_FOR_FILES = "waiting-for-files";
    public static final String STARTING = "starting";
    public static final String READY = "ready";
    public static final String RELOADING = "reloading";
    public static final String FAILED = "failed";
    public static final String CRASHED = "crashed";
    public static final String STOPPED = "stopped";

    private SandboxState() {
    }
}
