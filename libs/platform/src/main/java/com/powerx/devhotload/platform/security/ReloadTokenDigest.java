package com.powerx.devhotload.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A reload token is never stored or sent on: services compare its SHA-256, the hex value {@code dev.session.registered}
 * carries (CONTRACT.md §2). One definition, so every service hashes it the same way.
 */
public final class ReloadTokenDigest {

    private ReloadTokenDigest() {
    }

    /** Lower-case hex SHA-256 of the token's UTF-8 bytes. */
    public static String sha256Hex(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
