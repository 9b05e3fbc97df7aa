package com.powerx.devhotload.masking.detect;

import java.util.List;

/**
 * {@code heroku-api-key}: Heroku API keys — the current {@code HRKU-} format anywhere, and the older UUID-shaped
 * keys when they are the value of a Heroku-named key ({@code HEROKU_KEY=…}, {@code "heroku_token": "…"}). A UUID
 * elsewhere on a Heroku line (a router log's {@code request_id}) stays readable.
 */
public final class HerokuApiKeyDetector implements Detector {

    public static final String ID = "heroku-api-key";
    private static final List<String> KEYWORDS = List.of("hrku-", "heroku");

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
        for (int h = 0; h < hits.size(); h++) {
            int at = hits.start(h);
            if (hits.keyword(h) == 0) {
                newFormat(t, at, sink);
            } else {
                int s = VendorKeyValue.valueStart(t, at + KEYWORDS.get(1).length());
                if (s >= 0 && Entropy.isUuid(t, s, Math.min(t.length(), s + 36)) && VendorKeyValue.valueEnds(t, s + 36)) {
                    sink.add(s, s + 36, 0);
                }
            }
        }
    }

    private static void newFormat(String t, int at, MatchSink sink) {
        if (!Chars.regionMatches(t, at, "HRKU-") || (at > 0 && Chars.isWord(t.charAt(at - 1)))) {
            return;
        }
        int e = at + 5;
        while (e < t.length() && Chars.isBase64Url(t.charAt(e))) {
            e++;
        }
        if (e - at - 5 >= 40 && e - at - 5 <= 80) {
            sink.add(at, e, 5);
        }
    }
}
