package com.powerx.devhotload.session.repository;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An upload received into a temporary file while being hashed, so a 128 MiB blob costs no heap and its size is known
 * before it goes anywhere else. Only a verified upload is returned; closing deletes whatever file is left.
 */
final class BlobSpool implements AutoCloseable {

    private final Path file;
    private final long size;

    private BlobSpool(Path file, long size) {
        this.file = file;
        this.size = size;
    }

    /** Streams {@code body} into a new file in {@code dir}; fails with 400 hash_mismatch or 413, keeping nothing. */
    static BlobSpool receive(Path dir, String sha256, InputStream body, long maxBytes) {
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, sha256, ".upload");
            BlobDigest.Digested digested;
            try (OutputStream out = Files.newOutputStream(temp)) {
                digested = BlobDigest.copy(body, out, maxBytes);
            }
            BlobDigest.requireMatch(sha256, digested);
            BlobSpool spool = new BlobSpool(temp, digested.size());
            temp = null;
            return spool;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(temp);
        }
    }

    Path file() {
        return file;
    }

    long size() {
        return size;
    }

    @Override
    public void close() {
        deleteQuietly(file);
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try { Files.deleteIfExists(p); } catch (IOException ignored) { }
        }
    }
}
