package com.powerx.devhotload.masking.detect;

/** Shannon entropy and character-mix measures used to tell random secrets from words and identifiers. */
public final class Entropy {

    public static final int LOWER = 1;
    public static final int UPPER = 2;
    public static final int DIGIT = 4;
    public static final int OTHER = 8;

    private Entropy() {
    }

    /** Bits per character over the ASCII alphabet; non-ASCII characters share one bucket. */
    public static double bitsPerChar(CharSequence s, int from, int to) {
        int n = to - from;
        if (n <= 0) {
            return 0;
        }
        int[] counts = new int[129];
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            counts[c < 128 ? c : 128]++;
        }
        double h = 0;
        for (int count : counts) {
            if (count > 0) {
                double p = (double) count / n;
                h -= p * Math.log(p);
            }
        }
        return h / Math.log(2);
    }

    /** Bit set of {@link #LOWER}, {@link #UPPER}, {@link #DIGIT}, {@link #OTHER} present in the range. */
    public static int classes(CharSequence s, int from, int to) {
        int m = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (Chars.isLower(c)) {
                m |= LOWER;
            } else if (Chars.isUpper(c)) {
                m |= UPPER;
            } else if (Chars.isDigit(c)) {
                m |= DIGIT;
            } else {
                m |= OTHER;
            }
        }
        return m;
    }

    public static boolean isHexOnly(CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Chars.isHex(s.charAt(i))) {
                return false;
            }
        }
        return to > from;
    }

    /** 8-4-4-4-12 hex: request ids and entity ids must stay readable. */
    public static boolean isUuid(CharSequence s, int from, int to) {
        if (to - from != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(from + i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !Chars.isHex(c)) {
                return false;
            }
        }
        return true;
    }

    /** Hex strings with the length of common digests (MD5, SHA-1, SHA-256, SHA-512): content hashes, not credentials. */
    public static boolean isDigestShaped(CharSequence s, int from, int to) {
        int n = to - from;
        return (n == 32 || n == 40 || n == 56 || n == 64 || n == 96 || n == 128) && isHexOnly(s, from, to);
    }

    /**
     * A machine-generated credential rather than a word, id or digest: long enough, mixed character classes and
     * high entropy. Used where only the value (not a key name) suggests a secret.
     */
    public static boolean looksRandom(CharSequence s, int from, int to, int minLength) {
        int n = to - from;
        if (n < minLength || isUuid(s, from, to) || isDigestShaped(s, from, to)) {
            return false;
        }
        int cls = classes(s, from, to);
        boolean mixed = (cls & (LOWER | UPPER | DIGIT)) == (LOWER | UPPER | DIGIT);
        if (!mixed) {
            return false;
        }
        double threshold = n >= 32 ? 3.5 : 3.0;
        return bitsPerChar(s, from, to) >= threshold;
    }
}
