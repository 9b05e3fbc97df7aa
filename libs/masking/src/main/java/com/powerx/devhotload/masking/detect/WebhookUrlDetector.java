package com.powerx.devhotload.masking.detect;

import java.util.List;

/**
 * {@code webhook-url}: the secret path of incoming-webhook URLs other than Slack's (which has its own rule): Discord
 * ({@code discord.com/api/webhooks/<id>/<token>}), Microsoft Teams ({@code *.webhook.office.com/webhookb2/…}),
 * Zapier catch hooks and IFTTT Maker keys. Anyone holding the URL can post as the integration.
 */
public final class WebhookUrlDetector implements Detector {

    public static final String ID = "webhook-url";
    private static final List<String> KEYWORDS = List.of(
            "discord.com/api/webhooks/", "discordapp.com/api/webhooks/", "webhook.office.com/webhookb2/",
            "hooks.zapier.com/hooks/catch/", "maker.ifttt.com/trigger/");
    private static final int MIN_SECRET = 16;

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
        int resume = 0;
        for (int h = 0; h < hits.size(); h++) {
            int s = hits.start(h) + KEYWORDS.get(hits.keyword(h)).length();
            if (s < resume) {
                continue;
            }
            int e = s;
            while (e < t.length() && isPathChar(t.charAt(e))) {
                e++;
            }
            while (e > s && (t.charAt(e - 1) == '.' || t.charAt(e - 1) == '/')) {
                e--;
            }
            if (e - s >= MIN_SECRET) {
                sink.add(s, e, 0);
                resume = e;
            }
        }
    }

    private static boolean isPathChar(char c) {
        return Chars.isBase64Url(c) || c == '/' || c == '@' || c == '.';
    }
}
