package com.powerx.devhotload.devstack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.powerx.devhotload.contracts.EventCodec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A plugin folder as the CLIs upload it (relative `/` paths → bytes) and the content hash blobs are named by. */
public final class Bundles {

    private Bundles() {
    }

    public static Map<String, byte[]> read(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return files;
    }

    /** The Dev API's {@code files} array (CONTRACT.md §3): {@code [{path, sha256, size}]}, one per file. */
    public static ArrayNode fileRefs(Map<String, byte[]> files) {
        ArrayNode refs = EventCodec.mapper().createArrayNode();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            refs.addObject().put("path", f.getKey()).put("sha256", sha256(f.getValue())).put("size", f.getValue().length);
        }
        return refs;
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Copies a plugin folder and gives the copy a plugin id of its own ({@code plugin.json}'s {@code id}), so tests and
     * benchmarks that edit a plugin never take over each other's sessions.
     */
    public static Path copyPlugin(Path source, Path target, String pluginId) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path from : files.toList()) {
                Path to = target.resolve(source.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
        Path manifest = target.resolve("plugin.json");
        Files.writeString(manifest, Files.readString(manifest).replaceFirst("\"id\"\\s*:\\s*\"[^\"]+\"", "\"id\": \"" + pluginId + "\""));
        return target;
    }
}
