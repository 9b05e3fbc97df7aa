package com.powerx.devhotload.masking.detect;

/** ASCII character-class predicates shared by the hand-written scanners. */
public final class Chars {

    private Chars() {
    }

    public static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    public static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    public static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    public static boolean isLetter(char c) {
        return isUpper(c) || isLower(c);
    }

    public static boolean isAlnum(char c) {
        return isLetter(c) || isDigit(c);
    }

    public static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** Word characters in the regex sense; used for token boundaries. */
    public static boolean isWord(char c) {
        return isAlnum(c) || c == '_';
    }

    /** Characters allowed in key names: identifiers plus the separators used by properties, kebab and dotted keys. */
    public static boolean isKeyChar(char c) {
        return isAlnum(c) || c == '_' || c == '-' || c == '.';
    }

    public static boolean isBase64(char c) {
        return isAlnum(c) || c == '+' || c == '/';
    }

    public static boolean isBase64Url(char c) {
        return isAlnum(c) || c == '-' || c == '_';
    }

    /** Horizontal whitespace only: keeps scanners on one line. */
    public static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    public static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }

    public static char lower(char c) {
        return isUpper(c) ? (char) (c + 32) : c;
    }

    /** Case-insensitive ASCII comparison of {@code text} at {@code at} with a lowercase literal. */
    public static boolean regionMatchesLower(CharSequence text, int at, String lowerLiteral) {
        int n = lowerLiteral.length();
        if (at < 0 || at + n > text.length()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (lower(text.charAt(at + i)) != lowerLiteral.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Case-sensitive comparison without allocating a substring. */
    public static boolean regionMatches(CharSequence text, int at, String literal) {
        int n = literal.length();
        if (at < 0 || at + n > text.length()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (text.charAt(at + i) != literal.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Index of the end of the line containing {@code from} (position of '\n' or text length). */
    public static int lineEnd(CharSequence text, int from) {
        int n = text.length();
        for (int i = from; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                return i;
            }
        }
        return n;
    }

    /** Like {@link #lineEnd(CharSequence, int)} but looks at most {@code max} characters ahead. */
    public static int lineEnd(CharSequence text, int from, int max) {
        int limit = (int) Math.min(text.length(), (long) from + max);
        for (int i = from; i < limit; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                return i;
            }
        }
        return limit;
    }

    /** Like {@link #lineStart(CharSequence, int)} but looks at most {@code max} characters back. */
    public static int lineStart(CharSequence text, int at, int max) {
        int limit = Math.max(0, at - max);
        for (int i = at - 1; i >= limit; i--) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                return i + 1;
            }
        }
        return limit;
    }

    /** Index of the first character of the line containing {@code at}. */
    public static int lineStart(CharSequence text, int at) {
        for (int i = at - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                return i + 1;
            }
        }
        return 0;
    }
}
