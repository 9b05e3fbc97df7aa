package com.powerx.devhotload.masking.detect;

import java.util.List;

/** {@code sendgrid}: SendGrid API keys, {@code SG.<22 chars>.<43 chars>}. */
public final class SendGridDetector implements Detector {

    public static final String ID = "sendgrid";

    @Override
    public String ruleId() {
        return ID;
    }

    @Override
    public List<String> keywords() {
        return List.of("sg.");
    }

    @Override
    public void scan(ScanContext ctx, HitList hits, MatchSink sink) {
        String t = ctx.text();
        int n = t.length();
        int resume = 0;
        for (int h = 0; h < hits.size(); h++) {
            int at = hits.start(h);
            if (at < resume || !Chars.regionMatches(t, at, "SG.") || (at > 0 && Chars.isWord(t.charAt(at - 1)))) {
                continue;
            }
            int p = at + 3;
            int s1 = p;
            while (p < n && Chars.isBase64Url(t.charAt(p))) {
                p++;
            }
            int len1 = p - s1;
            resume = p;
            if (len1 < 16 || len1 > 32 || p >= n || t.charAt(p) != '.') {
                continue;
            }
            int s2 = ++p;
            while (p < n && Chars.isBase64Url(t.charAt(p))) {
                p++;
            }
            int len2 = p - s2;
            resume = p;
            if (len2 >= 16 && len2 <= 64 && (p >= n || !Chars.isAlnum(t.charAt(p)))) {
                sink.add(at, p, 3);
            }
        }
    }
}
