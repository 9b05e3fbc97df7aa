package com.powerx.devhotload.devstack;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A dependency the fault-injection tests can hurt the way production hurts it: killed without warning (SIGKILL of
 * every process of it, as the OOM killer or a node loss would), started again on its own data, or frozen (SIGSTOP)
 * and thawed (SIGCONT) to stand for a network stall, where connections stay open but nothing answers.
 */
public interface Crashable {

    /** What the reports call it: {@code postgres}, {@code redis}, {@code kafka}. */
    String name();

    /** The process ids that make up the server (a PostgreSQL postmaster and its backends, say). */
    List<Long> pids();

    /** SIGKILL of every process, and waits until they are gone. */
    default void kill() throws InterruptedException {
        List<ProcessHandle> all = pids().stream().flatMap(p -> ProcessHandle.of(p).stream()).toList();
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : all) {
            p.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).exceptionally(e -> p).join();
        }
    }

    /** Starts the server again on the data it had, after {@link #kill()}; returns once it accepts connections. */
    void restart() throws IOException, InterruptedException;

    /** SIGSTOP of every process: open connections hang, new ones are accepted by the kernel but never answered. */
    default void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT after {@link #pause()}. */
    default void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("kill", "-" + name));
        pids().forEach(p -> cmd.add(String.valueOf(p)));
        int exit = new ProcessBuilder(cmd).redirectErrorStream(true).start().waitFor();
        if (exit != 0) {
            throw new IOException("kill -" + name + " " + pids() + " failed with " + exit);
        }
    }

    /** A process and every process it started, as they are now. */
    static List<Long> withDescendants(long pid) {
        List<Long> all = new ArrayList<>();
        ProcessHandle.of(pid).ifPresent(p -> {
            all.add(p.pid());
            p.descendants().forEach(d -> all.add(d.pid()));
        });
        return all;
    }
}
