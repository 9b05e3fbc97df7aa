package com.powerx.devhotload.masking.detect;

import java.util.List;

/**
 * {@code pem-private-key}: the body of PEM private keys (PKCS#1 RSA, EC, DSA, OpenSSH, PKCS#8, encrypted PKCS#8
 * and legacy encrypted PEM, PGP private key blocks), also when embedded in JSON with {@code \n} escapes.
 * The BEGIN/END lines stay so a reader still sees what was there.
 */
public final class PemPrivateKeyDetector implements Detector {

    public static final String ID = "pem-private-key";
    private static final int MAX_BODY = 256 * 1024;

    @Override
    public String ruleId() {
        return ID;
    }

    @Override
    public List<String> keywords() {
        return List.of("-----begin ");
    }

    @Override
    public void scan(ScanContext ctx, HitList hits, MatchSink sink) {
        String t = ctx.text();
        int resume = 0;
        int cachedEndSearchFrom = -1;
        int cachedEnd = -1;
        for (int h = 0; h < hits.size(); h++) {
            int at = hits.start(h);
            int bodyStart = at < resume ? -1 : privateKeyBodyStart(t, at);
            if (bodyStart < 0) {
                continue;
            }
            // One forward search for END markers serves every BEGIN after it: linear on repeated BEGIN lines.
            if (cachedEndSearchFrom < 0 || (cachedEnd >= 0 && cachedEnd < bodyStart)
                    || (cachedEnd < 0 && cachedEndSearchFrom > bodyStart)) {
                cachedEnd = t.indexOf("-----END ", bodyStart);
                cachedEndSearchFrom = bodyStart;
            }
            int end = cachedEnd >= 0 && cachedEnd - bodyStart <= MAX_BODY ? cachedEnd : -1;
            int bodyEnd = end >= 0 ? end : unterminatedBodyEnd(t, bodyStart);
            int s = trimStart(t, bodyStart, bodyEnd);
            int e = trimEnd(t, s, bodyEnd);
            if (e > s && !NonSecretValues.isMaskRun(t, s, e)) {
                sink.add(s, e, 0);
            }
            resume = Math.max(bodyEnd, bodyStart);
        }
    }

    /**
     * Where the body of the PEM block whose BEGIN line starts at {@code at} starts, or -1 unless it is a private
     * key: certificates and public keys are public, and their BEGIN lines share the keyword.
     */
    private static int privateKeyBodyStart(String t, int at) {
        if (!Chars.regionMatches(t, at, "-----BEGIN ")) {
            return -1;
        }
        int n = t.length();
        int labelStart = at + 11;
        int labelEnd = labelStart;
        while (labelEnd < n && labelEnd - labelStart < 48
                && (Chars.isUpper(t.charAt(labelEnd)) || t.charAt(labelEnd) == ' ' || Chars.isDigit(t.charAt(labelEnd)))) {
            labelEnd++;
        }
        if (!Chars.regionMatches(t, labelEnd, "-----")) {
            return -1;
        }
        String label = t.substring(labelStart, labelEnd);
        return label.endsWith("PRIVATE KEY") || label.endsWith("PRIVATE KEY BLOCK") ? labelEnd + 5 : -1;
    }

    /** Truncated key (no END line): consume base64 lines, PEM headers and {@code \n} escapes. */
    private static int unterminatedBodyEnd(String t, int from) {
        int n = t.length();
        int i = from;
        int limit = Math.min(n, from + MAX_BODY);
        while (i < limit) {
            char c = t.charAt(i);
            if (Chars.isBase64(c) || c == '=' || c == '\n' || c == '\r' || c == ' ' || c == '\t') {
                i++;
            } else if (c == '\\' && i + 1 < n && (t.charAt(i + 1) == 'n' || t.charAt(i + 1) == 'r')) {
                i += 2;
            } else if ((c == ':' || c == ',' || c == '-') && inHeaderLine(t, i)) {
                i++;
            } else {
                break;
            }
        }
        // Do not swallow the next log line: stop at the last line break followed by something non-base64.
        return i;
    }

    private static boolean inHeaderLine(String t, int i) {
        int ls = Chars.lineStart(t, i, 64);
        return Chars.regionMatches(t, ls, "Proc-Type:") || Chars.regionMatches(t, ls, "DEK-Info:")
                || Chars.regionMatches(t, ls, "Comment:") || Chars.regionMatches(t, ls, "Version:");
    }

    private static int trimStart(String t, int s, int e) {
        while (s < e) {
            char c = t.charAt(s);
            if (Chars.isWhitespace(c)) {
                s++;
            } else if (c == '\\' && s + 1 < e && (t.charAt(s + 1) == 'n' || t.charAt(s + 1) == 'r')) {
                s += 2;
            } else {
                break;
            }
        }
        return s;
    }

    private static int trimEnd(String t, int s, int e) {
        while (e > s) {
            char c = t.charAt(e - 1);
            if (Chars.isWhitespace(c)) {
                e--;
            } else if (e - 2 >= s && t.charAt(e - 2) == '\\' && (c == 'n' || c == 'r')) {
                e -= 2;
            } else {
                break;
            }
        }
        return e;
    }
}
