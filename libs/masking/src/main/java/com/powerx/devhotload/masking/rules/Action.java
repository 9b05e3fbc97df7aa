package com.powerx.devhotload.masking.rules;

import java.util.Locale;

/** What happens to a detected secret. */
public enum Action {
    /** Replace with {@code ****}, keeping only a public marker such as {@code ghp_}. */
    MASK,
    /** Replace with {@code [HASH:<12 hex of HMAC-SHA-256>]} so equal secrets correlate without being revealed. */
    HASH,
    /** Replace with {@code [REDACTED:<rule-id>]}. */
    REMOVE;

    /** Parses the rule-file spelling ({@code mask}, {@code hash}, {@code remove}). */
    public static Action parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "mask" -> MASK;
            case "hash" -> HASH;
            case "remove" -> REMOVE;
            default -> throw new IllegalArgumentException(
                    "action must be one of mask, hash, remove but was '" + s + "'");
        };
    }

    /** Rule-file spelling. */
    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }
}
