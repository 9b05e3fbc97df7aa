package com.powerx.devhotload.devstack;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** A Redis server: the embedded-redis binary as a child process, or an external one given by URL. */
public final class RedisNode implements AutoCloseable {

    private final RedisServer server;
    private final String uri;

    private RedisNode(RedisServer server, String uri) {
        this.server = server;
        this.uri = uri;
    }

    /** Starts redis-server; {@code persistent} turns on the append-only file under {@code dataDir}. */
    public static RedisNode embedded(Path dataDir, int port, boolean persistent) throws IOException {
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
                    .setting("appendonly " + (persistent ? "yes" : "no"))
                    .setting("protected-mode no")
                    .build();
        } finally {
            System.setProperty("java.io.tmpdir", tmpdir);
        }
        server.start();
        return new RedisNode(server, "redis://127.0.0.1:" + port);
    }

    /** An already running server, {@code redis://host:port}. */
    public static RedisNode external(String url) {
        URI.create(url); // fail early on a malformed value
        return new RedisNode(null, url);
    }

    public String uri() {
        return uri;
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.stop();
        }
    }
}
