package com.powerx.devhotload.sandbox.rest;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventSources;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.payload.FileRef;
import com.powerx.devhotload.contracts.payload.ReloadRequested;
import com.powerx.devhotload.contracts.payload.SessionRegistered;
import com.powerx.devhotload.contracts.payload.SessionTerminated;
import com.powerx.devhotload.sandbox.bundle.BundleStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/** The example plugins (examples/plugins) as bundles, and the lifecycle events session-service would publish. */
public final class Plugins {

    public static final Path ROOT = Path.of("..", "examples", "plugins").toAbsolutePath().normalize();
    private static Map<String, Path> byHash;

    private Plugins() {
    }

    public static List<FileRef> files(String plugin) {
        Path dir = ROOT.resolve(plugin);
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().map(p -> ref(dir, p)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static synchronized Map<String, Path> byHash() {
        if (byHash == null) {
            Map<String, Path> index = new HashMap<>();
            try (Stream<Path> walk = Files.walk(ROOT)) {
                walk.filter(Files::isRegularFile).forEach(p -> index.put(hash(p), p));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            byHash = index;
        }
        return byHash;
    }

    private static FileRef ref(Path dir, Path file) {
        try {
            return new FileRef(dir.relativize(file).toString().replace('\\', '/'), hash(file), Files.size(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hash(Path file) {
        try {
            return BundleStore.sha256(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CloudEvent registered(String tenant, String sessionId, String runtime, String entry, String plugin) {
        return event(EventTypes.SESSION_REGISTERED, tenant, sessionId, new SessionRegistered(sessionId, tenant, "dev-" + tenant,
                "com.acme.test", "1.0.0", runtime, entry, files(plugin), null, null, "0".repeat(64),
                Instant.now().plusSeconds(900), List.of(), "pending"));
    }

    /** An {@code external} session: its plugin runs on the developer's machine, so it holds no process slot. */
    public static CloudEvent registeredExternal(String tenant, String sessionId) {
        return event(EventTypes.SESSION_REGISTERED, tenant, sessionId, new SessionRegistered(sessionId, tenant, "dev-" + tenant,
                "com.acme.ext", "1.0.0", "external", null, List.of(), null, null, "0".repeat(64),
                Instant.now().plusSeconds(900), List.of(), "pending"));
    }

    public static CloudEvent reload(String tenant, String sessionId, long sequence, String plugin) {
        return event(EventTypes.RELOAD_REQUESTED, tenant, sessionId, new ReloadRequested(sessionId, sequence,
                UUID.randomUUID().toString(), "full", files(plugin), List.of("index.mjs"), "sha256:test-" + sequence, sequence,
                Instant.now(), "dev-" + tenant, null));
    }

    public static CloudEvent terminated(String tenant, String sessionId) {
        return event(EventTypes.SESSION_TERMINATED, tenant, sessionId, new SessionTerminated(sessionId, "developer", null,
                "dev-" + tenant, Instant.now()));
    }

    private static CloudEvent event(String type, String tenant, String sessionId, Object payload) {
        return CloudEvent.create(EventSources.SESSION_SERVICE, type, sessionId, tenant, "com.acme.test", sessionId, payload);
    }
}
