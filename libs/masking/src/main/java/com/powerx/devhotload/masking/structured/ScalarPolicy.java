package com.powerx.devhotload.masking.structured;

import com.powerx.devhotload.masking.detect.KeyStrength;
import com.powerx.devhotload.masking.detect.NonSecretValues;
import java.util.Locale;

/**
 * Decides the replacement of one scalar of a JSON/YAML document from its key (by key) and its content (by value):
 * values of secret-named keys are replaced whole; every other string goes through the free-text detectors.
 */
final class ScalarPolicy {

    static final String GENERIC = "generic-secret-kv";
    static final String WEAK = "high-entropy-near-key";
    static final String AUTH = "auth-header";
    static final String COOKIE = "cookie";
    static final String GCP = "gcp-service-account";

    /** How a key makes its value secret. */
    enum KeyKind { NONE, GENERIC, SESSION, WEAK, AUTH, COOKIE, GCP }

    private final ValueMasker masker;
    private final RedactionTally tally;

    ScalarPolicy(ValueMasker masker, RedactionTally tally) {
        this.masker = masker;
        this.tally = tally;
    }

    /** Kind of {@code key} inside a Google service-account object, where the key fields are its rule's. */
    KeyKind kindInServiceAccount(String key) {
        if ("private_key".equals(key) || "private_key_id".equals(key)) {
            return KeyKind.GCP;
        }
        return kind(key);
    }

    /** Whether an object with these string fields is a Google service-account key file. */
    static boolean isServiceAccount(String typeField) {
        return "service_account".equals(typeField);
    }

    KeyKind kind(String key) {
        if (key == null || key.isEmpty()) {
            return KeyKind.NONE;
        }
        String k = key.toLowerCase(Locale.ROOT).replace('_', '-');
        switch (k) {
            case "authorization", "proxy-authorization":
                return KeyKind.AUTH;
            case "cookie", "cookies", "set-cookie":
                return KeyKind.COOKIE;
            case "private-key", "private-key-id":
                return KeyKind.GENERIC;
            default:
                break;
        }
        KeyStrength s = masker.classifyKey(key);
        return switch (s) {
            case STRONG -> KeyKind.GENERIC;
            case SESSION -> KeyKind.SESSION;
            case WEAK -> KeyKind.WEAK;
            case NONE -> KeyKind.NONE;
        };
    }

    /**
     * The new text of a string scalar, or null when it stays as it is.
     *
     * @param kind  classification of the scalar's key (or of the key of the enclosing sequence)
     * @param value the decoded scalar
     */
    String replace(KeyKind kind, String value) {
        return replace(kind, null, value);
    }

    /**
     * Like {@link #replace(KeyKind, String)}; when neither the key nor the value alone reveals a secret,
     * {@code key: value} is also scanned as one line, because some documents are log lines that merely parse
     * as YAML ({@code curl -H 'Authorization: token abc'} reads as the key {@code curl -H 'Authorization}).
     */
    String replace(KeyKind kind, String key, String value) {
        if (value.isEmpty()) {
            return null;
        }
        ValueMasker.Masked m = masker.mask(value);
        if (kind == KeyKind.NONE && key != null && m.byRule().isEmpty() && key.length() <= 1024) {
            String joined = maskedAfterKey(key, value);
            if (joined != null) {
                return joined;
            }
        }
        return switch (kind) {
            case GENERIC, GCP -> NonSecretValues.isNonSecret(value, 0, value.length())
                    ? detected(m) : whole(kind == KeyKind.GCP ? GCP : GENERIC, value, m);
            // Session ids are long and random; a short or numeric value under "session" is a counter or flag.
            case SESSION -> value.length() >= 8 && !value.chars().allMatch(Character::isDigit)
                    && !NonSecretValues.isNonSecret(value, 0, value.length()) ? whole(GENERIC, value, m) : detected(m);
            case WEAK -> weakSecret(value) ? whole(WEAK, value, m) : detected(m);
            case AUTH -> viaHeader("Authorization: ", AUTH, value, m);
            case COOKIE -> viaHeader("Cookie: ", COOKIE, value, m);
            case NONE -> detected(m);
        };
    }

    /** {@code value} masked as the rest of the line {@code key: value}, or null when that finds nothing either. */
    private String maskedAfterKey(String key, String value) {
        String prefix = key + ": ";
        ValueMasker.Masked joined = masker.mask(prefix + value);
        if (!joined.byRule().isEmpty() && joined.text().startsWith(prefix)) {
            tally.addAll(joined.byRule());
            return joined.text().substring(prefix.length());
        }
        return null;
    }

    /** What the free-text detectors made of the value, or null when they found nothing. */
    private String detected(ValueMasker.Masked m) {
        if (m.byRule().isEmpty()) {
            return null;
        }
        tally.addAll(m.byRule());
        return m.text();
    }

    /** Replacement for a non-string scalar (number) under a secret key, or null. */
    String replaceNumber(KeyKind kind, String raw) {
        if (kind == KeyKind.GENERIC || kind == KeyKind.GCP) {
            return whole(kind == KeyKind.GCP ? GCP : GENERIC, raw, masker.mask(raw));
        }
        return detected(masker.mask(raw));
    }

    private String whole(String ruleId, String value, ValueMasker.Masked m) {
        if (m.wholeValue()) {
            tally.addAll(m.byRule()); // a vendor token keeps its own rule and public prefix (ghp_****)
            return m.text();
        }
        String r = masker.redactWhole(ruleId, value);
        if (r == null) {
            return detected(m); // the rule is disabled
        }
        tally.add(ruleId, 1);
        return r;
    }

    /** Header-shaped values reuse the header detectors, which keep the scheme and cookie names readable. */
    private String viaHeader(String prefix, String ruleId, String value, ValueMasker.Masked plain) {
        if (value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            ValueMasker.Masked h = masker.mask(prefix + value);
            if (!h.byRule().isEmpty() && h.text().startsWith(prefix)) {
                tally.addAll(h.byRule());
                return h.text().substring(prefix.length());
            }
        }
        if (NonSecretValues.isNonSecret(value, 0, value.length())) {
            return null;
        }
        return whole(ruleId, value, plain);
    }

    private static boolean weakSecret(String v) {
        return com.powerx.devhotload.masking.detect.Entropy.looksRandom(v, 0, v.length(), 16);
    }
}
