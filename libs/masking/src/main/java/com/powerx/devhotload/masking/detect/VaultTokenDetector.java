package com.powerx.devhotload.masking.detect;

import java.util.List;

/**
 * {@code vault-token}: HashiCorp Vault tokens — current service, batch and recovery tokens ({@code hvs.}, {@code hvb.},
 * {@code hvr.} + 24 or more base64url characters) and legacy service tokens ({@code s.} + 24 random alphanumerics).
 * The two-character legacy prefix cannot be a keyword, so those are found from the text's dots
 * ({@link ScanContext#dot}) and must mix upper case, lower case and digits.
 */
public final class VaultTokenDetector implements Detector {

    public static final String ID = "vault-token";
    private static final List<String> KEYWORDS = List.of("hvs.", "hvb.", "hvr.");
    private static final int LEGACY_BODY = 24;

    @Override
    public String ruleId() {
        return ID;
    }

    @Override
    public List<String> keywords() {
        return KEYWORDS;
    }

    @Override
    public boolean keywordGated() {
        return false;
    }

    @Override
    public boolean mayMatch(ScanContext ctx, boolean keywordHit) {
        return keywordHit || (ctx.length() >= 2 + LEGACY_BODY && ctx.dotCount() > 0);
    }

    @Override
    public void scan(ScanContext ctx, HitList hits, MatchSink sink) {
        String t = ctx.text();
        for (int h = 0; h < hits.size(); h++) {
            int at = hits.start(h);
            if (Chars.regionMatches(t, at, KEYWORDS.get(hits.keyword(h))) && wordStart(t, at)) {
                int e = bodyEnd(t, at + 4);
                if (e - at - 4 >= LEGACY_BODY && e - at - 4 <= 512) {
                    sink.add(at, e, 4);
                }
            }
        }
        for (int i = 0; i < ctx.dotCount(); i++) {
            int at = ctx.dot(i) - 1;
            if (at >= 0 && t.charAt(at) == 's' && wordStart(t, at)) {
                legacy(t, at, sink);
            }
        }
    }

    private static void legacy(String t, int at, MatchSink sink) {
        int s = at + 2;
        int e = s;
        while (e < t.length() && e - s <= LEGACY_BODY && Chars.isAlnum(t.charAt(e))) {
            e++;
        }
        boolean bounded = e >= t.length() || !(Chars.isBase64Url(t.charAt(e)) || t.charAt(e) == '.');
        int need = Entropy.UPPER | Entropy.LOWER | Entropy.DIGIT;
        if (e - s == LEGACY_BODY && bounded && (Entropy.classes(t, s, e) & need) == need) {
            sink.add(at, e, 2);
        }
    }

    private static boolean wordStart(String t, int at) {
        return at == 0 || !(Chars.isBase64Url(t.charAt(at - 1)) || t.charAt(at - 1) == '.');
    }

    private static int bodyEnd(String t, int p) {
        while (p < t.length() && Chars.isBase64Url(t.charAt(p))) {
            p++;
        }
        return p;
    }
}
