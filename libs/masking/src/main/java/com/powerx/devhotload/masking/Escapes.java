package com.powerx.devhotload.masking;

import com.powerx.devhotload.masking.detect.Chars;

/**
 * Recognises one escape sequence at a position: percent-encoding, JSON string escapes, HTML character references and
 * hand-obfuscated e-mail addresses.
 */
final class Escapes {

    private static final String[][] ENTITIES = {
        {"&quot;", "\""}, {"&amp;", "&"}, {"&apos;", "'"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&commat;", "@"},
        {"&sol;", "/"}, {"&colon;", ":"}, {"&equals;", "="}, {"&period;", "."}, {"&plus;", "+"},
    };

    /** Hand-obfuscated addresses: "alice [at] example [dot] com". */
    private static final String[][] OBFUSCATIONS = {
        {" [at] ", "@"}, {" (at) ", "@"}, {"[at]", "@"}, {"(at)", "@"}, {" [dot] ", "."}, {" (dot) ", "."},
        {"[dot]", "."}, {"(dot)", "."},
    };

    private Escapes() {
    }


    /** A {@code %XX} escape of an ASCII character somewhere in {@code t}. */
    static boolean hasPercentEscape(String t) {
        for (int i = t.indexOf('%'); i >= 0; i = t.indexOf('%', i + 1)) {
            if (percentAt(t, i) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** A character reference ({@code &#64;}, {@code &#x40;}) or one of the named entities that hide secrets. */
    static boolean hasEntity(String t) {
        for (int i = t.indexOf('&'); i >= 0; i = t.indexOf('&', i + 1)) {
            if (entityAt(t, i) != null) {
                return true;
            }
        }
        return false;
    }

    /** {decoded char, escape length} for the escape at {@code i}, or null. */
    static int[] decodeAt(String t, int i, boolean percent, boolean json, boolean entity, boolean obfuscated) {
        char c = t.charAt(i);
        if (obfuscated && (c == ' ' || c == '[' || c == '(')) {
            int[] o = obfuscationAt(t, i);
            if (o != null) {
                return o;
            }
        }
        if (c == '%' && percent) {
            int v = percentAt(t, i);
            return v < 0 ? null : new int[] {v, 3};
        }
        if (c == '\\' && json) {
            return jsonAt(t, i);
        }
        return c == '&' && entity ? entityAt(t, i) : null;
    }

    private static int[] obfuscationAt(String t, int i) {
        for (String[] o : OBFUSCATIONS) {
            if (t.startsWith(o[0], i)) {
                return new int[] {o[1].charAt(0), o[0].length()};
            }
        }
        return null;
    }

    /** The ASCII character of {@code %XX} at {@code i}, or -1. */
    private static int percentAt(String t, int i) {
        if (i + 2 >= t.length()) {
            return -1;
        }
        int hi = Character.digit(t.charAt(i + 1), 16);
        int lo = Character.digit(t.charAt(i + 2), 16);
        int v = hi * 16 + lo;
        boolean lineBreakOrTab = v == '\n' || v == '\r' || v == '\t'; // encoded HTTP dumps: %0D%0A between headers
        return hi < 0 || lo < 0 || v >= 0x80 || (v < 0x20 && !lineBreakOrTab) ? -1 : v;
    }

    private static int[] jsonAt(String t, int i) {
        if (i + 1 >= t.length()) {
            return null;
        }
        char n = t.charAt(i + 1);
        if (n == '/' || n == '\\' || n == '"') {
            return new int[] {n, 2};
        }
        if (n == 'u' && i + 5 < t.length()) {
            try {
                int v = Integer.parseInt(t, i + 2, i + 6, 16);
                return v >= 0x20 ? new int[] {v, 6} : null;
            } catch (NumberFormatException notAnEscape) {
                return null;
            }
        }
        return null;
    }

    private static int[] entityAt(String t, int i) {
        if (i + 3 >= t.length()) {
            return null;
        }
        char next = t.charAt(i + 1);
        if (next == '#') {
            return numericEntity(t, i);
        }
        // "a=1&b=2" query strings: most '&' start a key, not an entity name ending in ';' a few characters later.
        if (!Chars.isLower(next) || !semicolonWithin(t, i + 2, i + 9)) {
            return null;
        }
        for (String[] e : ENTITIES) {
            if (t.startsWith(e[0], i)) {
                return new int[] {e[1].charAt(0), e[0].length()};
            }
        }
        return null;
    }

    private static boolean semicolonWithin(String t, int from, int to) {
        for (int i = from; i < Math.min(to, t.length()); i++) {
            if (t.charAt(i) == ';') {
                return true;
            }
        }
        return false;
    }

    /** {@code &#64;} or {@code &#x40;}. */
    private static int[] numericEntity(String t, int i) {
        boolean hex = t.charAt(i + 2) == 'x' || t.charAt(i + 2) == 'X';
        int p = i + (hex ? 3 : 2);
        int end = p;
        while (end < t.length() && end - p < 6 && Character.digit(t.charAt(end), hex ? 16 : 10) >= 0) {
            end++;
        }
        if (end == p || end >= t.length() || t.charAt(end) != ';') {
            return null;
        }
        int v = Integer.parseInt(t, p, end, hex ? 16 : 10);
        return v >= 0x20 && v < 0x10000 ? new int[] {v, end + 1 - i} : null;
    }
}
