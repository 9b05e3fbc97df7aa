package com.powerx.devhotload.diagnostics.domain.fingerprint;

/** Small string helpers that never split a surrogate pair (titles and templates may carry non-ASCII text). */
final class Text {

    static final String ELLIPSIS = "…";

    private Text() {
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** The first {@code maxChars} UTF-16 units of s, one fewer if that would cut a surrogate pair. */
    static String cut(String s, int maxChars) {
        if (s.length() <= maxChars) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
        return s.substring(0, end);
    }

    /** s itself when it has at most {@code maxCodePoints}, else its beginning plus "…" (max code points in all). */
    static String truncate(String s, int maxCodePoints) {
        if (s.codePointCount(0, s.length()) <= maxCodePoints) {
            return s;
        }
        int end = s.offsetByCodePoints(0, maxCodePoints - 1);
        return s.substring(0, end).stripTrailing() + ELLIPSIS;
    }
}
