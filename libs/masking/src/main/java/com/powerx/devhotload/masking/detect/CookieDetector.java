package com.powerx.devhotload.masking.detect;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code cookie}: cookie values in {@code Cookie} and {@code Set-Cookie} headers (raw, JSON, curl
 * {@code --cookie}). Cookie names and Set-Cookie attributes (Path, Expires...) stay readable.
 */
public final class CookieDetector implements Detector {

    public static final String ID = "cookie";
    private static final Set<String> ATTRIBUTES = Set.of(
            "path", "domain", "expires", "max-age", "samesite", "secure", "httponly", "priority", "partitioned",
            "version", "comment", "commenturl", "discard", "port");

    @Override
    public String ruleId() {
        return ID;
    }

    @Override
    public List<String> keywords() {
        return List.of("cookie");
    }

    @Override
    public void scan(ScanContext ctx, HitList hits, MatchSink sink) {
        String t = ctx.text();
        int n = t.length();
        int resume = 0;
        for (int h = 0; h < hits.size(); h++) {
            int at = hits.start(h);
            if (at < resume || (at > 0 && Chars.isAlnum(t.charAt(at - 1)))) {
                continue;
            }
            int p = headerValueStart(t, at);
            if (p < 0) {
                continue;
            }
            char q = 0;
            if (p < n && (t.charAt(p) == '"' || t.charAt(p) == '\'')) {
                q = t.charAt(p++);
            }
            int end = p;
            while (end < n && t.charAt(end) != '\n' && t.charAt(end) != '\r' && (q == 0 || t.charAt(end) != q)) {
                end++;
            }
            pairs(t, p, end, q == 0, sink);
            resume = end;
        }
    }

    /**
     * Where the value of the cookie header or field whose name contains the hit at {@code at} starts: after
     * {@code :} or {@code =}, or after blanks for a {@code --cookie} flag; -1 when this is not such a key.
     */
    private static int headerValueStart(String t, int at) {
        int n = t.length();
        int p = at + 6;
        if (p < n && (t.charAt(p) == 's' || t.charAt(p) == 'S')) {
            p++;
        }
        if (p < n && (Chars.isWord(t.charAt(p)) || t.charAt(p) == '.')) {
            return -1; // cookieConsent, cookie_name
        }
        int keyStart = at;
        while (keyStart > 0 && (Chars.isLetter(t.charAt(keyStart - 1)) || t.charAt(keyStart - 1) == '-')) {
            keyStart--;
        }
        boolean flag = keyStart >= 0 && Chars.regionMatches(t, keyStart, "--");
        char open = keyStart > 0 ? t.charAt(keyStart - 1) : 0;
        if ((open == '"' || open == '\'') && p < n && t.charAt(p) == open) {
            p++;
        }
        int afterKey = p;
        p = KeyValueScanner.skipBlanks(t, p);
        if (p < n && (t.charAt(p) == ':' || t.charAt(p) == '=')) {
            return KeyValueScanner.skipBlanks(t, p + 1);
        }
        return flag && p > afterKey ? p : -1;
    }

    /** Masks the value of every {@code name=value} pair in {@code [from,to)} that is not a cookie attribute. */
    public static void pairs(String t, int from, int to, boolean stopAtBlankWord, MatchSink sink) {
        int p = from;
        while (p < to) {
            while (p < to && (t.charAt(p) == ' ' || t.charAt(p) == ';' || t.charAt(p) == '\t')) {
                p++;
            }
            int ns = p;
            while (p < to && t.charAt(p) != '=' && t.charAt(p) != ';' && !Chars.isBlank(t.charAt(p))) {
                p++;
            }
            if (p >= to || t.charAt(p) != '=') {
                if (p < to && Chars.isBlank(t.charAt(p)) && stopAtBlankWord && p > ns && !isAttribute(t, ns, p)) {
                    return; // prose after the header value
                }
                continue;
            }
            int ne = p;
            int vs = ++p;
            while (p < to && t.charAt(p) != ';') {
                if (stopAtBlankWord && Chars.isBlank(t.charAt(p)) && !isAttribute(t, ns, ne)) {
                    break;
                }
                p++;
            }
            int ve = p;
            if (ve - vs >= 2 && t.charAt(vs) == '"' && t.charAt(ve - 1) == '"') {
                vs++;
                ve--;
            }
            if (ne > ns && ve > vs && !isAttribute(t, ns, ne) && !NonSecretValues.isNonSecret(t, vs, ve)
                    && !t.substring(vs, ve).equalsIgnoreCase("deleted")) {
                sink.add(vs, ve, 0);
            }
        }
    }

    private static boolean isAttribute(String t, int s, int e) {
        return e - s <= 12 && ATTRIBUTES.contains(t.substring(s, e).toLowerCase(Locale.ROOT));
    }
}
