package com.powerx.devhotload.cli.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.powerx.devhotload.cli.CliException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** {@code ~/.powerx/dev-session.json} (0600): the one session {@code dev --stop}, {@code --resume} and {@code logs} act on. */
public final class SessionCache {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    public SessionCache(Path file) {
        this.file = file;
    }

    public Optional<DevSession> load() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), DevSession.class));
        } catch (IOException e) {
            throw CliException.invalid("the session cache " + file + " is unreadable (" + e.getMessage() + ")",
                    "delete it and run px-plugin dev again");
        }
    }

    /** The cached session, or a usage error telling how to get one. */
    public DevSession require() {
        return load().orElseThrow(() -> CliException.invalid("no dev session in " + file, "start one with px-plugin dev"));
    }

    public synchronized void save(DevSession session) {
        try {
            PxHome.writePrivate(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(session));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
