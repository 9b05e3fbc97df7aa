package com.powerx.devhotload.masking;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Renders the replacement text of a match according to its rule's action. Thread-safe. */
final class Redactor {

    static final String MASK = "****";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final SecretKeySpec key;
    // Mac instances are not thread-safe; one per thread per engine keeps hashing allocation-free.
    private final ThreadLocal<Mac> mac;

    Redactor(byte[] hmacKey) {
        this.key = new SecretKeySpec(hmacKey, "HmacSHA256");
        this.mac = ThreadLocal.withInitial(this::newMac);
    }

    private Mac newMac() {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by the Java platform", e);
        }
    }

    /** Appends the replacement of {@code text[s,e)} to {@code out}. */
    void render(StringBuilder out, String text, int s, int e, int markerKeep, CompiledRule rule) {
        switch (rule.action()) {
            case MASK -> {
                // Never keep more than half of a span: a "public marker" must not become the secret itself.
                int keep = Math.min(Math.min(markerKeep, rule.keepPrefix()), (e - s) / 2);
                out.append(text, s, s + keep).append(MASK);
            }
            case HASH -> out.append("[HASH:").append(hash(text, s, e)).append(']');
            case REMOVE -> out.append("[REDACTED:").append(rule.id()).append(']');
            default -> throw new IllegalStateException("unknown action " + rule.action());
        }
    }

    /** First 12 hex digits of HMAC-SHA-256 over the UTF-8 bytes of the secret. */
    String hash(String text, int s, int e) {
        byte[] digest = mac.get().doFinal(text.substring(s, e).getBytes(StandardCharsets.UTF_8));
        char[] out = new char[12];
        for (int i = 0; i < 6; i++) {
            out[2 * i] = HEX[(digest[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[digest[i] & 0xF];
        }
        return new String(out);
    }

    /** The action's replacement for a whole value (structured masking). */
    String replacement(String value, int markerKeep, CompiledRule rule) {
        StringBuilder b = new StringBuilder(24);
        render(b, value, 0, value.length(), markerKeep, rule);
        return b.toString();
    }
}
