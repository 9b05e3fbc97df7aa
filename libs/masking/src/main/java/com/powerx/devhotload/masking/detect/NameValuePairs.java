package com.powerx.devhotload.masking.detect;

import java.util.Locale;
import java.util.Set;

/**
 * Name/value pairs such as Kubernetes {@code - name: DB_PASSWORD / value: x} or {@code {"key":"API_TOKEN",
 * "value":"x"}}: the secret-looking word is itself the value of a {@code name}-like field, and the secret is in a
 * sibling {@code value} field on the same line or the next. Pure functions for {@link KeyValueScanner}.
 */
final class NameValuePairs {

    private static final Set<String> NAME_KEYS = Set.of(
            "name", "key", "id", "variable", "var", "env", "param", "parameter", "field", "setting", "property");
    private static final int MAX_BLANKS = 8;

    private NameValuePairs() {
    }

    /**
     * Whether the token starting at {@code tokenStart} is the value of a name-like field: {@code name: TOKEN},
     * {@code "key":"TOKEN"}, read backwards from the token.
     */
    static boolean isNameFieldValue(String t, int tokenStart) {
        int i = tokenStart - 1;
        if (i >= 0 && (t.charAt(i) == '"' || t.charAt(i) == '\'')) {
            i--;
        }
        i = skipBlanksBack(t, i);
        if (i < 0 || (t.charAt(i) != ':' && t.charAt(i) != '=')) {
            return false;
        }
        i = skipBlanksBack(t, i - 1);
        if (i >= 0 && (t.charAt(i) == '"' || t.charAt(i) == '\'')) {
            i--;
        }
        int wordEnd = i + 1;
        while (i >= 0 && Chars.isLetter(t.charAt(i)) && wordEnd - i <= 12) {
            i--;
        }
        return NAME_KEYS.contains(t.substring(i + 1, wordEnd).toLowerCase(Locale.ROOT));
    }

    /**
     * Offset just after the sibling {@code value} key (and its closing quote) that follows the name ending at
     * {@code nameEnd}, past one field separator and at most one line break; -1 when there is none.
     */
    static int valueKeyEnd(String t, int nameEnd) {
        int n = t.length();
        int p = nameEnd;
        if (p < n && (t.charAt(p) == '"' || t.charAt(p) == '\'')) {
            p++;
        }
        p = KeyValueScanner.skipBlanks(t, p);
        if (p < n && (t.charAt(p) == ',' || t.charAt(p) == ';')) {
            p = KeyValueScanner.skipBlanks(t, p + 1);
        }
        if (p < n && (t.charAt(p) == '\r')) {
            p++;
        }
        if (p < n && t.charAt(p) == '\n') {
            p = KeyValueScanner.skipBlanks(t, p + 1);
        }
        if (p < n && (t.charAt(p) == '"' || t.charAt(p) == '\'')) {
            p++;
        }
        if (!Chars.regionMatchesLower(t, p, "value")) {
            return -1;
        }
        p += 5;
        if (p < n && Chars.isKeyChar(t.charAt(p))) {
            return -1; // "values", "value_from": another field
        }
        if (p < n && (t.charAt(p) == '"' || t.charAt(p) == '\'')) {
            p++;
        }
        return p;
    }

    private static int skipBlanksBack(String t, int i) {
        int limit = i - MAX_BLANKS;
        while (i >= 0 && i > limit && Chars.isBlank(t.charAt(i))) {
            i--;
        }
        return i;
    }
}
