package com.powerx.devhotload.masking.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code twilio}: Twilio API key SIDs ({@code SK} + 32 hex) wherever they occur — they are often logged without the
 * word Twilio ({@code API_KEY_SID}, {@code sid=}, prose) — and account SIDs ({@code AC} + 32 hex) when the text
 * mentions Twilio or an account SID. Keywords are {@code SK} plus each pair of hex digits, so a line is only looked
 * at when it holds "SK" followed by hex; the 32 hex digits must mix letters and digits, at a word boundary.
 */
public final class TwilioDetector implements Detector {

    public static final String ID = "twilio";
    private static final int BODY = 32;
    private static final List<String> CONTEXT = List.of("twilio", "account_sid", "accountsid");
    private static final List<String> KEYWORDS = keywords(CONTEXT);

    private static List<String> keywords(List<String> context) {
        List<String> k = new ArrayList<>(context);
        String hex = "0123456789abcdef";
        for (char a : hex.toCharArray()) {
            for (char b : hex.toCharArray()) {
                k.add("sk" + a + b);
            }
        }
        return List.copyOf(k);
    }

    @Override
    public String ruleId() {
        return ID;
    }

    @Override
    public List<String> keywords() {
        return KEYWORDS;
    }

    @Override
    public void scan(ScanContext ctx, HitList hits, MatchSink sink) {
        String t = ctx.text();
        boolean accountContext = false;
        for (int h = 0; h < hits.size(); h++) {
            if (hits.keyword(h) < CONTEXT.size()) {
                accountContext = true;
            } else {
                sid(t, hits.start(h), "SK", sink);
            }
        }
        if (accountContext) {
            for (int i = t.indexOf("AC"); i >= 0; i = t.indexOf("AC", i + 2)) {
                sid(t, i, "AC", sink);
            }
        }
    }

    /** {@code marker} + exactly 32 hex digits mixing letters and digits, at {@code i}. */
    private static void sid(String t, int i, String marker, MatchSink sink) {
        int n = t.length();
        if (!Chars.regionMatches(t, i, marker) || (i > 0 && Chars.isWord(t.charAt(i - 1)))) {
            return;
        }
        int p = i + 2;
        while (p < n && p - i - 2 <= BODY && Chars.isHex(t.charAt(p))) {
            p++;
        }
        boolean bounded = p >= n || !Chars.isWord(t.charAt(p));
        int cls = Entropy.classes(t, i + 2, p);
        if (p - i - 2 == BODY && bounded && (cls & Entropy.DIGIT) != 0 && (cls & ~Entropy.DIGIT) != 0) {
            sink.add(i, p, 2);
        }
    }
}
