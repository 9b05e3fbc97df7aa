package com.powerx.devhotload.stream.repository;

import java.nio.charset.StandardCharsets;

/**
 * Names of the gateway's Redis keys. A tenant's stream, entry counter and dedup markers share the hash tag
 * {@code {tenant}}, so the append script touches one slot.
 */
final class RedisKeys {

    static final String TOKEN_PREFIX = "px:token:";

    private RedisKeys() {
    }

    static String stream(String tenant) {
        return "px:stream:{" + tag(tenant) + "}";
    }

    static String counter(String tenant) {
        return "px:count:{" + tag(tenant) + "}";
    }

    static String seen(String tenant, String eventId) {
        return "px:seen:{" + tag(tenant) + "}:" + eventId;
    }

    static String session(String sessionId) {
        return "px:session:" + sessionId;
    }

    static String token(String sha256) {
        return TOKEN_PREFIX + sha256;
    }

    /** The tenant from a stream key (the tail reads many streams in one call). */
    static String tenantOf(String streamKey) {
        int open = streamKey.indexOf('{');
        return untag(streamKey.substring(open + 1, streamKey.length() - 1));
    }

    // Tenants come from token claims: escape anything that could break the hash tag or the key's shape.
    private static String tag(String tenant) {
        StringBuilder out = new StringBuilder(tenant.length());
        for (byte b : tenant.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_') {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static String untag(String tagged) {
        if (tagged.indexOf('%') < 0) {
            return tagged;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < tagged.length(); i++) {
            char c = tagged.charAt(i);
            if (c == '%' && i + 2 < tagged.length()) {
                bytes.write(Integer.parseInt(tagged.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
