package com.powerx.devhotload.masking.detect;

import java.util.List;

/**
 * {@code aws-secret-key}: 40-character AWS secret access keys. The shape alone is too common (base64 of 30 bytes),
 * so a key counts only within a short distance after "aws", "secret" or an access key id.
 */
public final class AwsSecretKeyDetector implements Detector {

    public static final String ID = "aws-secret-key";
    private static final int CONTEXT = 200;

    @Override
    public String ruleId() {
        return ID;
    }

    @Override
    public List<String> keywords() {
        return List.of("aws", "secret", "akia", "asia");
    }

    @Override
    public void scan(ScanContext ctx, HitList hits, MatchSink sink) {
        String t = ctx.text();
        int n = t.length();
        int firstHit = hits.start(0);
        int i = firstHit;
        int hitIdx = 0;
        int lastHitBefore = -1;
        while (i < n) {
            if (!Chars.isBase64(t.charAt(i))) {
                i++;
                continue;
            }
            int s = i;
            while (i < n && Chars.isBase64(t.charAt(i))) {
                i++;
            }
            if (i - s != 40 || (i < n && t.charAt(i) == '=')) {
                continue;
            }
            while (hitIdx < hits.size() && hits.start(hitIdx) < s) {
                lastHitBefore = hits.start(hitIdx);
                hitIdx++;
            }
            if (lastHitBefore < 0 || s - lastHitBefore > CONTEXT) {
                continue;
            }
            int cls = Entropy.classes(t, s, i);
            boolean mixed = (cls & (Entropy.UPPER | Entropy.LOWER | Entropy.DIGIT))
                    == (Entropy.UPPER | Entropy.LOWER | Entropy.DIGIT);
            if (mixed && Entropy.bitsPerChar(t, s, i) >= 4.0 && t.charAt(s) != '/') {
                sink.add(s, i, 0);
            }
        }
    }
}
