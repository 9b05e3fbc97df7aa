package com.powerx.devhotload.session.repository;

import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.ErrorCode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/** Hashing a blob while it streams, through a 64 KiB buffer, and the two ways an upload is refused. */
final class BlobDigest {

    /** What streamed through: its SHA-256 (lowercase hex) and its size. */
    record Digested(String sha256, long size) {
    }

    private BlobDigest() {
    }

    /** Copies {@code in} to {@code out} while hashing; 413 as soon as more than {@code maxBytes} arrived. */
    static Digested copy(InputStream in, OutputStream out, long maxBytes) throws IOException {
        MessageDigest digest = sha256();
        long size = 0;
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) != -1) {
            size += n;
            if (size > maxBytes) {
                throw tooLarge(maxBytes);
            }
            digest.update(buffer, 0, n);
            out.write(buffer, 0, n);
        }
        return new Digested(HexFormat.of().formatHex(digest.digest()), size);
    }

    /** 400 hash_mismatch unless the content hashed to what the path claimed. */
    static void requireMatch(String expected, Digested actual) {
        if (!actual.sha256().equals(expected)) {
            throw new ApiException(ErrorCode.DEV_BAD_REQUEST, "hash_mismatch", "content hash does not match the path",
                    Map.of("expected", expected, "actual", actual.sha256()), null);
        }
    }

    static ApiException tooLarge(long maxBytes) {
        return new ApiException(ErrorCode.DEV_PAYLOAD_TOO_LARGE, "blob_too_large",
                "blob is larger than " + maxBytes + " bytes", Map.of("limit", maxBytes), null);
    }

    /** A tenant's folder or key segment: tenant ids are caller-controlled text, so they are hashed into a safe name. */
    static String tenantSegment(String tenant) {
        return HexFormat.of().formatHex(sha256().digest(tenant.getBytes(StandardCharsets.UTF_8)), 0, 16);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
