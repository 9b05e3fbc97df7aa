package com.powerx.devhotload.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The real {@code cli/px-plugin} launcher run as a process against the suite, with its own home directory (never the
 * machine's ~/.powerx). Its {@code --json} lines are collected as they are printed, each with the instant it arrived.
 */
final class CliProcess implements AutoCloseable {

    /** One {@code --json} line and when it was read. */
    record Line(JsonNode json, Instant at) {
        String event() {
            return json.path("event").asText();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path LAUNCHER = Path.of(System.getProperty("px.repo.root", "..")).toAbsolutePath().normalize()
            .resolve("cli/px-plugin");

    private final Process process;
    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();

    private CliProcess(Process process) {
        this.process = process;
        Thread.ofPlatform().daemon().name("cli-stdout").start(() -> readJson(process));
        Thread.ofPlatform().daemon().name("cli-stderr").start(() -> readText(process));
    }

    /** The suite's URLs and a private home, as a developer's shell would export them. */
    static Map<String, String> environment(Suite suite, Path home) {
        return Map.of(
                "PX_HOME", home.toString(),
                "PX_DEV_API_BASE_URL", suite.url("session-service", "").toString(),
                "PX_DEV_STREAM_URL", suite.url("stream-gateway", "").toString(),
                "PX_DEV_TELEMETRY_URL", suite.url("telemetry-ingest", "").toString(),
                "PX_DEV_DIAGNOSTICS_URL", suite.url("diagnostics-service", "").toString());
    }

    static CliProcess start(Map<String, String> env, Path workDir, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(LAUNCHER.toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().remove("PX_TOKEN");
        pb.environment().putAll(env);
        return new CliProcess(pb.start());
    }

    /** Runs a command to its end; its exit code, with stdout lines and stderr available afterwards. */
    static CliProcess run(Map<String, String> env, Path workDir, Duration within, String... args) throws Exception {
        CliProcess cli = start(env, workDir, args);
        if (!cli.process.waitFor(within.toSeconds(), TimeUnit.SECONDS)) {
            cli.close();
            throw new AssertionError("px-plugin " + String.join(" ", args) + " did not end within " + within.toSeconds() + " s");
        }
        Thread.sleep(200); // the reader threads drain what is left
        return cli;
    }

    /** The first line from index {@code from} on that matches, waiting up to {@code within}. */
    Line await(int from, Predicate<Line> match, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            for (int i = from; i < lines.size(); i++) {
                if (match.test(lines.get(i))) {
                    return lines.get(i);
                }
            }
            if (!process.isAlive() && lines.stream().skip(from).noneMatch(match)) {
                Thread.sleep(200);
                break;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no matching px-plugin line within " + within.toSeconds() + " s; stdout " + lines.stream()
                .map(l -> l.json().toString()).toList() + "; stderr " + stderr);
    }

    Line awaitEvent(int from, String event, Duration within) throws InterruptedException {
        return await(from, l -> l.event().equals(event), within);
    }

    int lineCount() {
        return lines.size();
    }

    List<Line> lines() {
        return lines;
    }

    List<String> stderr() {
        return stderr;
    }

    int exitCode() {
        return process.exitValue();
    }

    /** SIGTERM, as Ctrl-C in a terminal ends the watch; the exit code. */
    int interrupt(Duration within) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(within.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("px-plugin did not end within " + within.toSeconds() + " s of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private void readJson(Process p) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                Instant at = Instant.now();
                try {
                    lines.add(new Line(JSON.readTree(line), at));
                } catch (IOException notJson) {
                    // --json promises one JSON object per stdout line: keep the offender visible for the assertion.
                    lines.add(new Line(JSON.createObjectNode().put("event", "not-json").put("raw", line), at));
                }
            }
        } catch (IOException ended) {
            // the process went away
        }
    }

    private void readText(Process p) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                stderr.add(line);
            }
        } catch (IOException ended) {
            // the process went away
        }
    }
}
