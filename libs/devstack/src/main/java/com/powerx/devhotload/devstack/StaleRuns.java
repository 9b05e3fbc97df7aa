package com.powerx.devhotload.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Cleans up after test JVMs that were killed before their shutdown hook ran: their postgres and redis children
 * would otherwise keep running and their folders would pile up.
 */
final class StaleRuns {

    private StaleRuns() {
    }

    static void clean(Path base) throws IOException {
        if (!Files.isDirectory(base)) {
            return;
        }
        try (Stream<Path> runs = Files.list(base)) {
            for (Path run : runs.filter(p -> p.getFileName().toString().startsWith("run-")).toList()) {
                long pid = Long.parseLong(run.getFileName().toString().substring(4));
                if (pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                killPostmaster(run.resolve("pg-data"));
                killRedis(run);
                killByPidFile(run.resolve("s3").resolve("s3proxy.pid"));
                DevStack.deleteTree(run);
            }
        }
    }

    private static void killPostmaster(Path dataDir) throws IOException {
        killByPidFile(dataDir.resolve("postmaster.pid"));
    }

    /** s3proxy (S3ProxyNode) writes its pid next to its data, as postgres does. */
    private static void killByPidFile(Path pidFile) throws IOException {
        if (Files.exists(pidFile)) {
            firstLinePid(pidFile).flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static void killRedis(Path run) {
        // redis-server children of a dead JVM are re-parented; find them by their working folder argument.
        ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("redis-server") && c.contains(run.toString())).orElse(false))
                .forEach(ProcessHandle::destroyForcibly);
    }

    private static Optional<Long> firstLinePid(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.findFirst().map(String::trim).filter(s -> s.matches("\\d+")).map(Long::parseLong);
        }
    }
}
