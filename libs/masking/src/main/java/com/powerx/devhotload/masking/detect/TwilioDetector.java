package com.powerx.devhotload.masking.detect;

import java.util.List;

/**
 * {@code twilio}: Twilio account SIDs ({@code AC} + 32 hex) and API key SIDs ({@code SK} + 32 hex). The shape is
 * generic, so it only counts when the text mentions Twilio.
 */
public final class TwilioDetector implements Detector {

    public static final String ID = "twilio";

    @Override
    public String ruleId() {
        return ID;
    }

    @Override
    public List<String> keywords() {
        return List.of("twilio");
    }

    @Override
    public void scan(ScanContext ctx, HitList hits, MatchSink sink) {
        String t = ctx.text();
        int n = t.length();
        for (int i = 0; i + 34 <= n; i++) {
            char c = t.charAt(i);
            if (!((c == 'A' && t.charAt(i + 1) == 'C') || (c == 'S' && t.charAt(i + 1) == 'K'))) {
                continue;
            }
            if (i > 0 && Chars.isWord(t.charAt(i - 1))) {
                continue;
            }
            int p = i + 2;
            while (p < n && p - i - 2 < 33 && isLowerHex(t.charAt(p))) {
                p++;
            }
            if (p - i - 2 == 32 && (p >= n || !Chars.isAlnum(t.charAt(p)))) {
                sink.add(i, p, 2);
                i = p - 1;
            }
        }
    }

    private static boolean isLowerHex(char c) {
        return Chars.isDigit(c) || (c >= 'a' && c <= 'f');
    }
}
