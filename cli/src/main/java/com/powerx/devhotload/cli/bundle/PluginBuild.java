package com.powerx.devhotload.cli.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/** Runs the plugin's declared build ({@code build: npm run build}) in its folder before bundling. */
public final class PluginBuild {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final int TAIL_LINES = 20;

    private PluginBuild() {
    }

    /** How the build went: exit status, time taken and the last lines it printed (for the error message). */
    public record Result(boolean success, long durationMs, int exitCode, String outputTail) {
    }

    public static Result run(String command, Path folder) {
        long start = System.nanoTime();
        try {
            Process process = new ProcessBuilder("sh", "-c", command).directory(folder.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            Deque<String> tail = new ArrayDeque<>();
            Thread reader = Thread.ofVirtual().start(() -> keepTail(process.getInputStream(), tail));
            boolean finished = process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly();
            }
            reader.join(1000);
            long millis = (System.nanoTime() - start) / 1_000_000;
            int exit = finished ? process.exitValue() : -1;
            String output;
            synchronized (tail) {
                output = String.join("\n", tail);
            }
            if (!finished) {
                output = "build timed out after " + TIMEOUT.toMinutes() + " min\n" + output;
            }
            return new Result(finished && exit == 0, millis, exit, output);
        } catch (IOException e) {
            return new Result(false, (System.nanoTime() - start) / 1_000_000, -1, "cannot start the build: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, (System.nanoTime() - start) / 1_000_000, -1, "build interrupted");
        }
    }

    private static void keepTail(InputStream output, Deque<String> tail) {
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(output, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
            }
        } catch (IOException ignored) {
            // the process ended; what was read is the tail
        }
    }
}
