package com.powerx.devhotload.sandbox.driver;

/** What a running sandbox reports on its own: output lines and its unexpected end. */
public interface SandboxListener {

    /** One line of plugin output; {@code sequence} is the version that wrote it, when known. */
    void onLog(String level, String source, String message, Long sequence, Long dropped);

    /** The process ended without being asked to ({@link RunningSandbox#awaitExit}, {@link RunningSandbox#exitReason}). */
    void onExit(RunningSandbox sandbox);
}
