package com.powerx.devhotload.masking.detect;

/**
 * Where an unquoted value ({@code password=abc}, {@code token: abc}) ends. Nothing delimits it, so its end is
 * inferred: whitespace, quotes and markup end it; so does the next {@code key=} of a connection string; trailing
 * punctuation belongs to the sentence around it; and on a line that holds exactly one pair (.env, properties,
 * YAML) the rest of the line is the value, as passphrases contain spaces. Pure functions for
 * {@link KeyValueScanner}.
 */
final class UnquotedValues {

    /** A first word longer than this is a token, not the start of a passphrase. */
    private static final int MAX_PASSPHRASE_WORD = 24;

    private UnquotedValues() {
    }

    /** Raw end of the value starting at {@code p}, before trailing punctuation is trimmed. */
    static int end(String t, int p) {
        int n = t.length();
        int i = p;
        while (i < n) {
            char c = t.charAt(i);
            if (Chars.isWhitespace(c) || c == '"' || c == '\'' || c == '<' || c == '>' || c == '&' || c == '`') {
                break;
            }
            if (c == '\\' && i + 1 < n && "\"ntr'".indexOf(t.charAt(i + 1)) >= 0) {
                break; // an escape sequence: the value was inside an escaped string
            }
            if ((c == ';' || c == ',') && startsKeyValue(t, i + 1)) {
                break; // next segment of a connection string or map: a=b;c=d
            }
            i++;
        }
        return i;
    }

    /** {@code Key=} or {@code Some Key=} at {@code p} (one optional leading blank). */
    static boolean startsKeyValue(String t, int p) {
        int n = t.length();
        if (p < n && t.charAt(p) == ' ') {
            p++;
        }
        if (p >= n || !Chars.isLetter(t.charAt(p))) {
            return false;
        }
        int limit = Math.min(n, p + 40);
        for (int i = p + 1; i < limit; i++) {
            char c = t.charAt(i);
            if (c == '=') {
                return true;
            }
            if (!(Chars.isAlnum(c) || c == '_' || c == '.' || c == '-' || c == ' ')) {
                return false;
            }
        }
        return false;
    }

    /**
     * Drops separators and sentence punctuation from the end of {@code [s,e)}; a closing bracket stays when its
     * opener is part of the value ({@code abc(1)}), and a '.' stays when more word follows it.
     */
    static int trimTrailingPunctuation(String t, int s, int e) {
        while (e > s) {
            char c = t.charAt(e - 1);
            if (c == ',' || c == ';') {
                e--;
            } else if ((c == ')' || c == '}' || c == ']') && !contains(t, s, e - 1, opener(c))) {
                e--;
            } else if (c == '.' && e - s > 1 && (e >= t.length() || !Chars.isAlnum(t.charAt(e)))) {
                e--;
            } else {
                break;
            }
        }
        return e;
    }

    private static char opener(char closer) {
        return closer == ')' ? '(' : closer == '}' ? '{' : '[';
    }

    private static boolean contains(String t, int s, int e, char c) {
        for (int i = s; i < e; i++) {
            if (t.charAt(i) == c) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the key at {@code keyStart} (after {@code dashes} list or CLI dashes) starts its line: .env,
     * properties and YAML lines hold exactly one pair, so a value there may contain spaces.
     */
    static boolean keyStartsLine(String t, int keyStart, int dashes) {
        // Bounded look-back: only indentation, list dashes and "export "/"set " may precede the key.
        int ls = Chars.lineStart(t, keyStart, 64);
        if (ls > 0 && t.charAt(ls - 1) != '\n' && t.charAt(ls - 1) != '\r') {
            return false;
        }
        int i = ls;
        int limit = keyStart - dashes;
        while (i < limit && (Chars.isBlank(t.charAt(i)) || t.charAt(i) == '-')) {
            i++;
        }
        if (Chars.regionMatches(t, i, "export ")) {
            i = KeyValueScanner.skipBlanks(t, i + 7);
        } else if (Chars.regionMatchesLower(t, i, "set ")) {
            i = KeyValueScanner.skipBlanks(t, i + 4);
        }
        return i == limit;
    }

    /**
     * End of the passphrase whose first word is {@code [s,e)}: the rest of the line up to a trailing comment, when
     * only plain words follow; otherwise {@code e}, as anything else is more structure or prose punctuation.
     */
    static int restOfLineEnd(String t, int s, int e) {
        if (e - s > MAX_PASSPHRASE_WORD) {
            return e;
        }
        int le = Chars.lineEnd(t, e, 4096);
        for (int i = e; i < le; i++) {
            char c = t.charAt(i);
            if (c == '#' && Chars.isBlank(t.charAt(i - 1))) {
                le = i; // trailing comment
                break;
            }
            if (!(Chars.isAlnum(c) || Chars.isBlank(c) || c == '-')) {
                return e;
            }
        }
        int end = le;
        while (end > e && Chars.isBlank(t.charAt(end - 1))) {
            end--;
        }
        return end;
    }
}
