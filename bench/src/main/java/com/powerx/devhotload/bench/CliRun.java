package com.powerx.devhotload.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code cli/px-plugin} as a developer runs it, with {@code --json}: each stdout line is handed over with the
 * {@link System#nanoTime()} at which the bench read it (the moment it was "printed" for P9).
 */
final class CliRun implements AutoCloseable {

    /** One {@code --json} line and when it was read. */
    record Line(JsonNode json, long readNanos) {
        String event() {
            return json.path("event").asText();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final BlockingQueue<Line> lines = new LinkedBlockingQueue<>();

    private CliRun(Process process) {
        this.process = process;
        Thread.ofPlatform().daemon().name("cli-stdout").start(this::read);
    }

    static CliRun start(Path home, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of("cli/px-plugin").toAbsolutePath().toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("PX_HOME", home.toString());
        pb.environment().putAll(env);
        return new CliRun(pb.start());
    }

    /** The next line whose event is {@code event}, skipping others (log lines, uploads); fails after {@code seconds}. */
    Line next(String event, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            Line line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.event().equals(event)) {
                return line;
            }
            if (line != null && (line.event().equals("failed") || line.event().equals("rolled-back") || line.event().equals("error"))) {
                throw new IllegalStateException("px-plugin reported " + line.json());
            }
            if (line == null && !process.isAlive()) {
                throw new IllegalStateException("px-plugin exited with " + process.exitValue() + " before '" + event + "'");
            }
        }
        throw new IllegalStateException("no '" + event + "' from px-plugin within " + seconds + " s");
    }

    /** Lines read so far and not consumed by {@link #next}. */
    List<Line> drain() {
        List<Line> out = new ArrayList<>();
        lines.drainTo(out);
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                long at = System.nanoTime();
                try {
                    lines.add(new Line(JSON.readTree(line), at));
                } catch (IOException notJson) {
                    System.err.println("px-plugin printed a non-JSON line: " + line);
                }
            }
        } catch (IOException ended) {
            // the process went away
        }
    }
}
