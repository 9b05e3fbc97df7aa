package com.powerx.devhotload.sandbox.driver;

/** Starts sandboxes of the runtimes it handles; each running sandbox is then driven through its {@link RunningSandbox}. */
public interface SandboxDriver {

    boolean handles(String runtime);

    /**
     * Starts a sandbox and loads {@code spec}'s version (with {@code spec.state()} when restarting after a crash).
     *
     * @throws SandboxStartException when the runtime is missing, the process cannot start or the first load fails
     */
    RunningSandbox start(SandboxSpec spec, SandboxListener listener) throws SandboxStartException;
}
