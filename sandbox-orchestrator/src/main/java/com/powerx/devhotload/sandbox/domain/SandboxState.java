package com.powerx.devhotload.sandbox.domain;

/** A sandbox's state, the {@code sandbox.state} values of CONTRACT.md §3. */
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
