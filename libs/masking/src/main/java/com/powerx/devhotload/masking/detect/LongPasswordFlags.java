package com.powerx.devhotload.masking.detect;

import java.util.Locale;
import java.util.Set;

/**
 * Password flags of any command whose name ends in a password word glued to a prefix, which key classification
 * cannot split: {@code --dbpass=x}, {@code --rootpw x}, {@code --adminpwd=x}, PuTTY's {@code -pw x}. Words that
 * merely end in "pass" ({@code --bypass}, {@code --compass}) and encoder pass numbers ({@code -pass 2}) are not.
 */
final class LongPasswordFlags {

    private static final String[] ENDINGS = {"pass", "passwd", "password", "pw", "pwd", "passphrase", "passcode"};
    private static final Set<String> NOT_PASSWORDS = Set.of(
            "bypass", "compass", "surpass", "overpass", "underpass", "trespass", "multipass", "onepass", "twopass",
            "firstpass", "secondpass", "nopass", "skippass", "singlepass", "multipw", "nopw", "nopwd", "cwd", "pwd");
    private static final int MAX_FLAG = 40;

    private LongPasswordFlags() {
    }

    /**
     * Reports the value of the flag token containing {@code hit}; returns where scanning may resume. Flags whose name
     * {@code keys} already classifies as a secret ({@code --db-password}) are left to generic-secret-kv.
     */
    static int scan(String t, int hit, KeyClassifier keys, MatchSink sink) {
        int s = hit;
        while (s > 0 && hit - s < MAX_FLAG && Chars.isKeyChar(t.charAt(s - 1))) {
            s--;
        }
        if (t.charAt(s) != '-' || (s > 0 && !Chars.isWhitespace(t.charAt(s - 1)) && t.charAt(s - 1) != '"'
                && t.charAt(s - 1) != '\'')) {
            return hit + 1;
        }
        int nameEnd = s;
        while (nameEnd < t.length() && Chars.isKeyChar(t.charAt(nameEnd))) {
            nameEnd++;
        }
        if (!isPasswordFlag(t, s, nameEnd) || keys.classify(t, s, nameEnd) == KeyStrength.STRONG) {
            return nameEnd;
        }
        return value(t, nameEnd, sink);
    }

    private static boolean isPasswordFlag(String t, int s, int e) {
        if (e - s < 3 || (t.charAt(s + 1) != '-' && !lowerCaseName(t, s + 1, e))) {
            return false; // "-pS3cretPw" is a short flag with its value attached, not a flag named "...pw"
        }
        String name = t.substring(s, e).toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(".", "");
        if (name.isEmpty() || NOT_PASSWORDS.contains(name)) {
            return false;
        }
        for (String ending : ENDINGS) {
            if (name.endsWith(ending)) {
                return true;
            }
        }
        return false;
    }

    private static boolean lowerCaseName(String t, int s, int e) {
        for (int i = s; i < e; i++) {
            if (!Chars.isLower(t.charAt(i))) {
                return false;
            }
        }
        return e > s;
    }

    /** {@code =value} or a following value token on the same line. */
    private static int value(String t, int p, MatchSink sink) {
        int n = t.length();
        if (p < n && (t.charAt(p) == '=' || t.charAt(p) == ':')) {
            p++;
        } else if (p < n && Chars.isBlank(t.charAt(p))) {
            p = KeyValueScanner.skipBlanks(t, p);
            if (p >= n || t.charAt(p) == '-' || t.charAt(p) == '\n' || t.charAt(p) == '\r') {
                return p;
            }
        } else {
            return p;
        }
        int e = valueEnd(t, p);
        if (!digitsOnly(t, p, e)) {
            FlagValues.emitValue(t, p, e, sink);
        }
        return e;
    }

    private static int valueEnd(String t, int p) {
        int n = t.length();
        if (p < n && FlagValues.isQuote(t.charAt(p))) {
            int le = Chars.lineEnd(t, p, 4096);
            int close = FlagValues.indexOf(t, t.charAt(p), p + 1, le);
            return close < 0 ? le : close + 1;
        }
        int e = p;
        while (e < n && !Chars.isWhitespace(t.charAt(e)) && t.charAt(e) != '"' && t.charAt(e) != '\'') {
            e++;
        }
        return e;
    }

    private static boolean digitsOnly(String t, int s, int e) {
        for (int i = s; i < e; i++) {
            if (!Chars.isDigit(t.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
