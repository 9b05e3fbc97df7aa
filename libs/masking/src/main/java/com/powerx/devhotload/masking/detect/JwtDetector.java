package com.powerx.devhotload.masking.detect;

import java.util.List;

/** {@code jwt}: JSON Web Tokens (JWS, unsigned, and five-part JWE) by their base64url {@code eyJ} header. */
public final class JwtDetector implements Detector {

    public static final String ID = "jwt";

    @Override
    public String ruleId() {
        return ID;
    }

    /** "eyJ" plus every base64url character: four-character keywords keep the keyword scan 4-gram only. */
    private static final List<String> KEYWORDS = "abcdefghijklmnopqrstuvwxyz0123456789-_".chars()
            .mapToObj(c -> "eyj" + (char) c).toList();

    @Override
    public List<String> keywords() {
        return KEYWORDS;
    }

    @Override
    public void scan(ScanContext ctx, HitList hits, MatchSink sink) {
        String t = ctx.text();
        int n = t.length();
        int resume = 0;
        for (int h = 0; h < hits.size(); h++) {
            int at = hits.start(h);
            if (at < resume || !Chars.regionMatches(t, at, "eyJ")) {
                continue;
            }
            if (at > 0 && Chars.isBase64Url(t.charAt(at - 1))) {
                continue;
            }
            int[] segEnds = new int[5];
            int segments = 0;
            int p = at;
            while (segments < 5) {
                while (p < n && Chars.isBase64Url(t.charAt(p))) {
                    p++;
                }
                segEnds[segments++] = p;
                if (p < n && t.charAt(p) == '.' && segments < 5) {
                    p++;
                } else {
                    break;
                }
            }
            resume = p;
            if (segments < 2 || segEnds[0] - at < 10) {
                continue;
            }
            int payloadStart = segEnds[0] + 1;
            boolean jws = segEnds[1] - payloadStart >= 10 && Chars.regionMatches(t, payloadStart, "eyJ");
            boolean jwe = segments == 5;
            if (!jws && !jwe) {
                continue;
            }
            sink.add(at, segEnds[segments - 1], 0);
        }
    }
}
