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
        int n = t.length();
        int resume = 0;
        for (int h = 0; h < hits.size(); h++) {
            int at = hits.start(h);
            if (at < resume || at == 0 || t.charAt(at - 1) != '"' || !Chars.regionMatches(t, at, "private_key")) {
                continue;
            }
            boolean escaped = at >= 2 && t.charAt(at - 2) == '\\';
            int p = at + 11;
            boolean idField = Chars.regionMatches(t, p, "_id");
            if (idField) {
                p += 3;
            }
            if (escaped) {
                if (!Chars.regionMatches(t, p, "\\\"")) {
                    continue;
                }
                p += 2;
            } else if (p < n && t.charAt(p) == '"') {
                p++;
            } else {
                continue;
            }
            p = KeyValueScanner.skipBlanks(t, p);
            if (p >= n || t.charAt(p) != ':') {
                continue;
            }
            p = KeyValueScanner.skipBlanks(t, p + 1);
            int s;
            if (escaped && Chars.regionMatches(t, p, "\\\"")) {
                s = p + 2;
            } else if (!escaped && p < n && t.charAt(p) == '"') {
                s = p + 1;
            } else {
                continue;
            }
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
            e = Math.min(e, n);
            if (e > s && !NonSecretValues.isNonSecret(t, s, e)) {
                sink.add(s, e, 0);
                resume = e;
            }
        }
    }
}
