package com.powerx.devhotload.masking.detect;

import java.util.List;

/** {@code slack-webhook}: the secret path of Slack incoming-webhook, workflow and trigger URLs. */
public final class SlackWebhookDetector implements Detector {

    public static final String ID = "slack-webhook";
    private static final String[] KINDS = {"services/", "workflows/", "triggers/"};

    @Override
    public String ruleId() {
        return ID;
    }

    @Override
    public List<String> keywords() {
        return List.of("hooks.slack.com/");
    }

    @Override
    public void scan(ScanContext ctx, HitList hits, MatchSink sink) {
        String t = ctx.text();
        int n = t.length();
        for (int h = 0; h < hits.size(); h++) {
            int p = hits.start(h) + 16;
            for (String kind : KINDS) {
                if (Chars.regionMatches(t, p, kind)) {
                    int s = p + kind.length();
                    int e = s;
                    while (e < n && (Chars.isBase64Url(t.charAt(e)) || t.charAt(e) == '/')) {
                        e++;
                    }
                    if (e - s >= 16) {
                        sink.add(s, e, 0);
                    }
                    break;
                }
            }
        }
    }
}
