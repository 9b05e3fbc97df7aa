package com.powerx.devhotload.masking.detect;

import java.util.List;

/** {@code azure-sas}: the {@code sig=} signature of Azure shared access signature URLs and tokens. */
public final class AzureSasDetector implements Detector {

    public static final String ID = "azure-sas";
    private static final List<String> KEYWORDS = List.of(
            "sig=", "sv=", "se=", "sp=", "sr=", "skn=", ".windows.net", "sharedaccesssignature");

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
        boolean context = false;
        for (int h = 0; h < hits.size() && !context; h++) {
            context = hits.keyword(h) > 0;
        }
        if (!context) {
            return;
        }
        String t = ctx.text();
        int n = t.length();
        for (int h = 0; h < hits.size(); h++) {
            if (hits.keyword(h) != 0) {
                continue;
            }
            int at = hits.start(h);
            if (at > 0) {
                char b = t.charAt(at - 1);
                if (!(b == '?' || b == '&' || b == ';' || b == ' ' || b == '"' || b == '\'')) {
                    continue;
                }
            }
            int s = at + 4;
            int e = s;
            while (e < n && (Chars.isBase64Url(t.charAt(e)) || "%+/=".indexOf(t.charAt(e)) >= 0)) {
                e++;
            }
            if (e - s >= 10) {
                sink.add(s, e, 0);
            }
        }
    }
}
