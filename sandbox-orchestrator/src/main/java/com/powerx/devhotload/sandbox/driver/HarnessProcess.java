package com.powerx.devhotload.sandbox.driver;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One running harness process: its control connection, its stdout/stderr as log lines, and its exit. */
final class HarnessProcess extends HarnessSandbox {

    private final Process process;

    HarnessProcess(SandboxSpec spec, Process process, SandboxListener listener) {
        super(spec, listener);
        this.process = process;
        pump(process.getInputStream(), "stdout", "info");
        pump(process.getErrorStream(), "stderr", "error");
    }

    void connect(SocketChannel channel) {
        connection = new HarnessConnection(channel, spec.sessionId(), events);
        process.onExit().thenRun(() -> {
            connection.close();
            if (!stopping) {
                listener.onExit(this);
            }
        });
    }

    @Override
    protected void endAfterFailedLoad() {
        stopQuietly();
    }

    private void pump(InputStream stream, String source, String level) {
        Thread.ofPlatform().daemon().name("sandbox-" + source + "-" + spec.sessionId()).start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    listener.onLog(level, source, line, null, null);
                }
            } catch (IOException e) {
                // the process ended
            }
        });
    }

    @Override
    public CompletableFuture<JsonNode> reload(Path dir, String entry, long sequence) {
        return connection.request("reload", HarnessEvents.versionFields(spec, listener, dir, dir.toString(), entry, sequence));
    }

    @Override
    public void stop() {
        stopping = true;
        if (process.isAlive()) {
            requestShutdown();
        }
        stopQuietly();
    }

    private void stopQuietly() {
        stopping = true;
        if (connection != null) {
            connection.close(); // the harness exits as soon as its control socket closes
        }
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(2, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public boolean isAlive() {
        HarnessConnection c = connection;
        return process.isAlive() && !stopping && !events.fatal() && c != null && c.isOpen();
    }

    @Override
    public Integer awaitExit(long timeoutMs) {
        try {
            return process.waitFor(timeoutMs, TimeUnit.MILLISECONDS) ? process.exitValue() : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public long pid() {
        return process.pid();
    }
}
