package com.powerx.devhotload.cli.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * The CLI's own directory, {@code ~/.powerx} unless {@code -Dpx.home} or {@code PX_HOME} says otherwise (tests never
 * touch the real one), and the private files in it, written 0600.
 */
public final class PxHome {

    private final Path dir;

    public PxHome(Path dir) {
        this.dir = dir;
    }

    /** The system property wins over the environment, so a test JVM can pin it regardless of its environment. */
    public static PxHome resolve(Map<String, String> env) {
        String property = System.getProperty("px.home");
        if (property != null && !property.isBlank()) {
            return new PxHome(Path.of(property));
        }
        String variable = env.get("PX_HOME");
        if (variable != null && !variable.isBlank()) {
            return new PxHome(Path.of(variable));
        }
        return new PxHome(Path.of(System.getProperty("user.home"), ".powerx"));
    }

    public Path dir() {
        return dir;
    }

    public Path sessionFile() {
        return dir.resolve("dev-session.json");
    }

    public Path logFile() {
        return dir.resolve("logs").resolve("px-plugin-dev.log");
    }

    public Path telemetryDir() {
        return dir.resolve("telemetry");
    }

    public Path tlsDir() {
        return dir.resolve("tls");
    }

    /** Writes {@code content} to {@code file} with owner-only permissions, replacing it atomically. */
    public static void writePrivate(Path file, byte[] content) {
        try {
            createPrivateDirs(file.getParent());
            Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
            Files.deleteIfExists(temp);
            if (posix()) {
                Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.write(temp, content);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Appends {@code content} to {@code file}, creating it owner-only first (logs and telemetry may name sessions). */
    public static void appendPrivate(Path file, byte[] content) throws IOException {
        createPrivateDirs(file.getParent());
        if (posix() && !Files.exists(file)) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another thread or process created it first; appending is what matters
            }
        }
        Files.write(file, content, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND,
                java.nio.file.StandardOpenOption.WRITE);
    }

    /** Creates {@code dir} and its missing parents, owner-only where the file system has POSIX permissions. */
    public static void createPrivateDirs(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (posix()) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }

    static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
