package com.powerx.devhotload.cli.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SHA-256 of files, streamed in 64 KiB chunks (a 100 MB file is never held in memory), remembered per (path, size,
 * mtime) so that a reload rehashes only the files that were saved.
 */
public final class BlobHasher {

    private record Stamp(long size, long modified, Object fileKey, String sha256) {
    }

    /** Files changed more recently than this are always rehashed: a coarse clock can give two saves one mtime (git's "racy clean"). */
    private static final long RACY_NANOS = 2_000_000_000L;

    private final Map<Path, Stamp> known = new ConcurrentHashMap<>();

    public String sha256(Path file, BasicFileAttributes attributes) throws IOException {
        Stamp stamp = known.get(file);
        long modified = attributes.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
        boolean racy = System.currentTimeMillis() * 1_000_000L - modified < RACY_NANOS;
        if (!racy && stamp != null && stamp.size() == attributes.size() && stamp.modified() == modified
                && java.util.Objects.equals(stamp.fileKey(), attributes.fileKey())) {
            return stamp.sha256();
        }
        String sha = hash(file);
        known.put(file, new Stamp(attributes.size(), modified, attributes.fileKey(), sha));
        return sha;
    }

    public static String hash(Path file) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    public static String hash(byte[] content) {
        return HexFormat.of().formatHex(sha256().digest(content));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
