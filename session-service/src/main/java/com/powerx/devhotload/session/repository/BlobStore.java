package com.powerx.devhotload.session.repository;

import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.ErrorCode;
import com.powerx.devhotload.session.config.DevApiConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The blob volume: content-addressed files under one folder per tenant. Uploads stream through a 64 KiB buffer into
 * a temporary file while being hashed, so a 200 MB bundle costs no heap; only a verified file is moved into place.
 * Blocking I/O: call from worker threads.
 */
@ApplicationScoped
public class BlobStore {

    private final Path root;
    private final long maxBlobBytes;

    public BlobStore(DevApiConfig config) {
        this.root = config.blobDir().toAbsolutePath();
        this.maxBlobBytes = config.maxBlobBytes();
    }

    /** Streams {@code body} to the store; returns its size. Fails with 400 hash_mismatch or 413, storing nothing. */
    public long store(String tenant, String sha256, InputStream body) {
        Path target = path(tenant, sha256);
        Path temp = null;
        try {
            Files.createDirectories(target.getParent());
            temp = Files.createTempFile(target.getParent(), sha256, ".upload");
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            long size = 0;
            byte[] buffer = new byte[64 * 1024];
            try (OutputStream out = Files.newOutputStream(temp)) {
                int n;
                while ((n = body.read(buffer)) != -1) {
                    size += n;
                    if (size > maxBlobBytes) {
                        throw new ApiException(ErrorCode.DEV_PAYLOAD_TOO_LARGE, "blob_too_large",
                                "blob is larger than " + maxBlobBytes + " bytes", Map.of("limit", maxBlobBytes), null);
                    }
                    digest.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equals(sha256)) {
                throw new ApiException(ErrorCode.DEV_BAD_REQUEST, "hash_mismatch", "content hash does not match the path",
                        Map.of("expected", sha256, "actual", actual), null);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
            return size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            if (temp != null) {
                try { Files.deleteIfExists(temp); } catch (IOException ignored) { }
            }
        }
    }

    /** The stored file, or null if this tenant has no such blob on disk. */
    public Path find(String tenant, String sha256) {
        Path p = path(tenant, sha256);
        return Files.isRegularFile(p) ? p : null;
    }

    private Path path(String tenant, String sha256) {
        // Tenant ids are caller-controlled text: hash them into a folder name that cannot escape the root.
        return root.resolve(tenantFolder(tenant)).resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    private static String tenantFolder(String tenant) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(tenant.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
