package com.powerx.devhotload.masking.detect;

/**
 * {@code airtable-token}: Airtable personal access tokens, {@code pat<14 alphanumerics>.<64 hex>}. The prefix "pat"
 * starts common words ("path", "pattern"), so the scan starts from the dots of the line instead and looks back
 * for the prefix: the dot is always 17 characters after it.
 */
public final class AirtableTokenDetector implements ShapeDetector {

    public static final String ID = "airtable-token";
    private static final int ID_PART = 3 + 14;
    private static final int SECRET_PART = 64;

    @Override
    public String ruleId() {
        return ID;
    }

    @Override
    public boolean mayMatch(ScanContext ctx, boolean keywordHit) {
        return ctx.length() >= ID_PART + 1 + SECRET_PART && ctx.dotCount() > 0;
    }

    @Override
    public void scan(ScanContext ctx, HitList hits, MatchSink sink) {
        String t = ctx.text();
        for (int i = 0; i < ctx.dotCount(); i++) {
            int dot = ctx.dot(i);
            int at = dot - ID_PART;
            if (at < 0 || !Chars.regionMatches(t, at, "pat") || (at > 0 && Chars.isWord(t.charAt(at - 1)))
                    || !alnum(t, at + 3, dot)) {
                continue;
            }
            int e = dot + 1;
            while (e < t.length() && e - dot <= SECRET_PART && Chars.isHex(t.charAt(e))) {
                e++;
            }
            if (e - dot - 1 == SECRET_PART && (e >= t.length() || !Chars.isWord(t.charAt(e)))) {
                sink.add(at, e, 3);
            }
        }
    }

    private static boolean alnum(String t, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Chars.isAlnum(t.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
