package com.powerx.devhotload.masking.detect;

import java.util.List;

/**
 * {@code gcp-service-account}: the {@code private_key} and {@code private_key_id} fields of Google service-account
 * JSON, including JSON embedded (escaped) in a log message.
 */
public final class GcpServiceAccountDetector implements Detector {

    public static final String ID = "gcp-service-account";
    private static final int MAX_VALUE = 16 * 1024;

    @Override
    public String ruleId() {
        return ID;
    }

    @Override
    public List<String> keywords() {
        return List.of("private_key");
    }

    @Override
    public void scan(ScanContext ctx, HitList hits, MatchSink sink) {
        String t = ctx.text();
        int resume = 0;
        for (int h = 0; h < hits.size(); h++) {
            int at = hits.start(h);
            if (at < resume || at == 0 || t.charAt(at - 1) != '"' || !Chars.regionMatches(t, at, "private_key")) {
                continue;
            }
            // Escaped JSON inside a log message quotes with \" on both sides of the key and the value.
            boolean escaped = at >= 2 && t.charAt(at - 2) == '\\';
            int s = valueStart(t, at + 11, escaped);
            if (s < 0) {
                continue;
            }
            int e = valueEnd(t, s, escaped);
            if (e > s && !NonSecretValues.isNonSecret(t, s, e)) {
                sink.add(s, e, 0);
                resume = e;
            }
        }
    }

    /**
     * Start of the string value after the key rest at {@code p} ({@code "} or {@code _id"}, then {@code :} and an
     * opening quote), or -1 when this is not a {@code private_key}/{@code private_key_id} field.
     */
    private static int valueStart(String t, int p, boolean escaped) {
        int n = t.length();
        if (Chars.regionMatches(t, p, "_id")) {
            p += 3;
        }
        if (escaped) {
            if (!Chars.regionMatches(t, p, "\\\"")) {
                return -1;
            }
            p += 2;
        } else if (p < n && t.charAt(p) == '"') {
            p++;
        } else {
            return -1;
        }
        p = KeyValueScanner.skipBlanks(t, p);
        if (p >= n || t.charAt(p) != ':') {
            return -1;
        }
        p = KeyValueScanner.skipBlanks(t, p + 1);
        if (escaped && Chars.regionMatches(t, p, "\\\"")) {
            return p + 2;
        }
        return !escaped && p < n && t.charAt(p) == '"' ? p + 1 : -1;
    }

    /** End of the string value starting at {@code s}: its closing quote, a line end or {@value #MAX_VALUE} chars. */
    private static int valueEnd(String t, int s, boolean escaped) {
        int n = t.length();
        int e = s;
        int limit = Math.min(n, s + MAX_VALUE);
        while (e < limit) {
            char c = t.charAt(e);
            if (c == '\n') {
                break;
            }
            if (c == '\\') {
                if (escaped && e + 1 < n && t.charAt(e + 1) == '"') {
                    break;
                }
                e += 2;
                continue;
            }
            if (c == '"') {
                break;
            }
            e++;
        }
        return Math.min(e, n);
    }
}
