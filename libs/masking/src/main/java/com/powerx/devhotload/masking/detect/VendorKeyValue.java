package com.powerx.devhotload.masking.detect;

/**
 * "Vendor word in a key, then the value": {@code HEROKU_API_KEY=…}, {@code "heroku token": "…"},
 * {@code heroku.key => '…'}. Used for credentials whose value has a generic shape (a UUID) and is only a secret
 * because of whose key it is under. Bounded like gitleaks' key rules: up to 20 key characters after the vendor word,
 * a separator, up to five quote/blank characters.
 */
final class VendorKeyValue {

    private static final int MAX_KEY_TAIL = 20;

    private VendorKeyValue() {
    }

    /** Start of the value after a vendor word ending at {@code p}, or -1 when no key/separator follows. */
    static int valueStart(String t, int p) {
        int n = t.length();
        int keyTail = p;
        while (p < n && p - keyTail < MAX_KEY_TAIL && (Chars.isKeyChar(t.charAt(p)) || Chars.isBlank(t.charAt(p)))) {
            p++;
        }
        if (idLike(t, keyTail, p)) {
            return -1; // request_id, app_uuid: the value is an identifier
        }
        int quotes = 0;
        while (p < n && quotes < 3 && (t.charAt(p) == '"' || t.charAt(p) == '\'' || Chars.isBlank(t.charAt(p)))) {
            p++;
            quotes++;
        }
        int sep = separatorLength(t, p);
        if (sep == 0) {
            return -1;
        }
        p += sep;
        int pad = 0;
        while (p < n && pad < 5 && "`'\" \t=".indexOf(t.charAt(p)) >= 0) {
            p++;
            pad++;
        }
        return p < n ? p : -1;
    }

    /** Whether a value ending at {@code e} ends there (not in the middle of a longer token). */
    static boolean valueEnds(String t, int e) {
        return e >= t.length() || !(Chars.isAlnum(t.charAt(e)) || t.charAt(e) == '-' || t.charAt(e) == '_');
    }

    private static int separatorLength(String t, int p) {
        for (String sep : new String[] {":=", "=>", "?=", "=", ":", ","}) {
            if (Chars.regionMatches(t, p, sep)) {
                return sep.length();
            }
        }
        return 0;
    }

    /** The last word of the key is "id", "uuid", "guid" or ends in "id" after a separator (request_id). */
    private static boolean idLike(String t, int from, int to) {
        int e = to;
        while (e > from && !Chars.isAlnum(t.charAt(e - 1))) {
            e--;
        }
        int s = e;
        while (s > from && Chars.isLetter(t.charAt(s - 1))) {
            s--;
        }
        String w = t.substring(s, e).toLowerCase(java.util.Locale.ROOT);
        return w.equals("id") || w.equals("uuid") || w.equals("guid") || w.equals("ids") || w.endsWith("requestid");
    }
}
