package com.powerx.devhotload.sandbox.driver;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;

/**
 * A harness in a pod, driven over TCP with the same protocol as a local one. The pod starts with an empty bundle
 * directory and may reach nothing (no credential, no egress), so every version, the first included, is sent over the
 * connection ({@link VersionUpload}, {@code writeFiles}) before the {@code load} or {@code reload} that names it. Its
 * end is the connection's: a harness that exits closes it.
 */
final class PodSandbox extends HarnessSandbox {

    private final LongFunction<String> podDir;
    private final PodLifecycle pod;

    /** What the sandbox needs from its pod: its exit code once the harness ended, and deleting it. */
    interface PodLifecycle {
        Integer awaitExitCode(long timeoutMs);

        void delete();
    }

    PodSandbox(SandboxSpec spec, SandboxListener listener, LongFunction<String> podDir, PodLifecycle pod) {
        super(spec, listener);
        this.podDir = podDir;
        this.pod = pod;
    }

    void connect(SocketChannel channel) {
        connection = new HarnessConnection(channel, spec.sessionId(), events, () -> {
            if (!stopping) {
                listener.onExit(this);
            }
        });
    }

    /** The first load of a fresh pod: the version's files are sent first, to {@code podDir(sequence)}. */
    void load(long timeoutMs) throws SandboxStartException {
        try {
            Replies.await(VersionUpload.send(connection, spec.bundleDir(), spec.sequence()), timeoutMs);
        } catch (HarnessError e) {
            endAfterFailedLoad();
            throw new SandboxStartException("cannot send version " + spec.sequence() + " to the sandbox pod: "
                    + e.error().path("message").asText(), "start", "");
        }
        load(podDir.apply(spec.sequence()), timeoutMs);
    }

    @Override
    protected void endAfterFailedLoad() {
        stop();
    }

    /** Taken over from another orchestrator: the harness already serves {@code sequence}, with its live state. */
    void adopted(long sequence) {
        loaded(ProcessSandboxDriver.fields().put("result", "adopted").put("sequence", sequence).put("durationMs", 0));
    }

    /** The sequence the harness serves, or -1 when nothing is loaded. */
    long servedSequence(long timeoutMs) throws HarnessError {
        JsonNode ping = Replies.await(connection.request("ping", null), timeoutMs);
        return ping.path("sequence").isNumber() ? ping.path("sequence").asLong() : -1;
    }

    @Override
    public CompletableFuture<JsonNode> reload(Path dir, String entry, long sequence) {
        return VersionUpload.send(connection, dir, sequence).thenCompose(written -> connection.request("reload",
                HarnessEvents.versionFields(spec, listener, dir, podDir.apply(sequence), entry, sequence)));
    }

    /** Asks the harness to shut down (its teardown runs), then deletes the pod. */
    @Override
    public void stop() {
        stopping = true;
        requestShutdown();
        if (connection != null) {
            connection.close();
        }
        pod.delete();
    }

    /** Only the connection goes (tests: an orchestrator that died); the pod and its harness stay for an adopter. */
    void disconnect() {
        stopping = true;
        connection.close();
    }

    @Override
    public boolean isAlive() {
        HarnessConnection c = connection;
        return !stopping && !events.fatal() && c != null && c.isOpen();
    }

    @Override
    public Integer awaitExit(long timeoutMs) {
        return pod.awaitExitCode(timeoutMs);
    }

    /** No process on this host. */
    @Override
    public long pid() {
        return -1;
    }
}
