package com.powerx.devhotload.devstack;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A Redis server: the embedded-redis binary as a child process, or an external one given by URL. */
public final class RedisNode implements AutoCloseable, Crashable {

    private final RedisServer server;
    private final String uri;
    private final Path pidFile;

    private RedisNode(RedisServer server, String uri, Path pidFile) {
        this.server = server;
        this.uri = uri;
        this.pidFile = pidFile;
    }

    /**
     * Starts redis-server with its append-only file under {@code dataDir}, written before each reply, so that a kill
     * of the process loses no acknowledged write (the local run and the fault tests both rely on it). Whether the
     * folder outlives the run is the caller's choice: nothing here deletes it.
     */
    public static RedisNode embedded(Path dataDir, int port) throws IOException {
        Files.createDirectories(dataDir);
        // embedded-redis extracts its binary to java.io.tmpdir: keep that inside our own folder, not /tmp.
        String tmpdir = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", dataDir.toAbsolutePath().toString());
        RedisServer server;
        try {
            server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("dir " + dataDir.toAbsolutePath())
                    .setting("save \"\"")
                    .setting("appendonly yes")
                    .setting("pidfile " + dataDir.toAbsolutePath().resolve("redis.pid"))
                    .setting("protected-mode no")
                    .build();
        } finally {
            System.setProperty("java.io.tmpdir", tmpdir);
        }
        server.start();
        return new RedisNode(server, "redis://127.0.0.1:" + port, dataDir.toAbsolutePath().resolve("redis.pid"));
    }

    /** An already running server, {@code redis://host:port}. */
    public static RedisNode external(String url) {
        URI.create(url); // fail early on a malformed value
        return new RedisNode(null, url, null);
    }

    public String uri() {
        return uri;
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public List<Long> pids() {
        if (server == null) {
            throw new IllegalStateException("an external Redis cannot be hurt from here");
        }
        try {
            return List.of(Long.parseLong(Files.readString(pidFile).strip()));
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("no pid in " + pidFile, e);
        }
    }

    /** Starts redis-server again on the same folder; it replays its append-only file before it accepts commands. */
    @Override
    public void restart() throws IOException {
        server.stop(); // forgets the dead process
        server.start();
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.stop();
        }
    }
}
