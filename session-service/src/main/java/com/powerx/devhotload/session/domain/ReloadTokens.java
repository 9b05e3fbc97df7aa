package com.powerx.devhotload.session.domain;

import com.powerx.devhotload.platform.security.ReloadTokenDigest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Reload tokens: 24 random bytes, base64url without padding (32 chars); stored and compared only as SHA-256. */
public final class ReloadTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ReloadTokens() {
    }

    public static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The hex form the events carry; the one definition every service compares with. */
    public static String hashHex(String token) {
        return ReloadTokenDigest.sha256Hex(token);
    }

    /** Constant-time comparison, so response timing says nothing about how much of a guess was right. */
    public static boolean matches(String presented, byte[] storedHash) {
        return presented != null && storedHash != null && MessageDigest.isEqual(hash(presented), storedHash);
    }
}
