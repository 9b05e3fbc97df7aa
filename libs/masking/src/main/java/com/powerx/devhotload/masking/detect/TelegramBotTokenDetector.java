package com.powerx.devhotload.masking.detect;

/**
 * {@code telegram-bot-token}: Telegram Bot API tokens, {@code <bot id: 5–16 digits>:A<34 base64url chars>} (the
 * example in Telegram's own documentation is one shorter, so 33–36 are accepted), bare, in
 * {@code api.telegram.org/bot<token>/} URLs or anywhere else. The scan starts from the digit runs the keyword
 * pass already recorded, so lines without a digit run followed by {@code :A} cost nothing.
 */
public final class TelegramBotTokenDetector implements ShapeDetector {

    public static final String ID = "telegram-bot-token";
    private static final int MIN_SECRET = 34;
    private static final int MAX_SECRET = 37;

    @Override
    public String ruleId() {
        return ID;
    }

    @Override
    public boolean mayMatch(ScanContext ctx, boolean keywordHit) {
        // The scan itself is the filter: one look at the end of each digit run the keyword pass recorded.
        return ctx.digitCount() >= 5 && ctx.length() >= 5 + 1 + MIN_SECRET;
    }

    @Override
    public void scan(ScanContext ctx, HitList hits, MatchSink sink) {
        String t = ctx.text();
        int n = t.length();
        for (int r = 0; r < ctx.digitRunCount(); r++) {
            int s = ctx.digitRunStart(r);
            int e = ctx.digitRunEnd(r);
            if (e - s < 5 || e - s > 16 || e + 2 >= n || t.charAt(e) != ':' || t.charAt(e + 1) != 'A') {
                continue;
            }
            // "bot123:AA..." in API URLs: the id may follow letters, but not another digit or a dot (versions).
            if (s > 0 && (t.charAt(s - 1) == '.' || t.charAt(s - 1) == '-')) {
                continue;
            }
            int p = e + 1;
            int end = p;
            while (end < n && end - p <= MAX_SECRET && Chars.isBase64Url(t.charAt(end))) {
                end++;
            }
            if (end - p >= MIN_SECRET && end - p <= MAX_SECRET) {
                sink.add(s, end, 0);
            }
        }
    }
}
