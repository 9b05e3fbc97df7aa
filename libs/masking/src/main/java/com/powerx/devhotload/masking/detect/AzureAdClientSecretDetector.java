package com.powerx.devhotload.masking.detect;

/**
 * {@code azure-ad-client-secret}: Microsoft Entra ID (Azure AD) application client secrets, 40 characters of
 * {@code [A-Za-z0-9_~.-]} with a version digit and the {@code Q~} marker at positions 4–6 ({@code abc8Q~…}).
 * The two-character marker is found with {@code indexOf}; it hardly ever occurs in ordinary text.
 */
public final class AzureAdClientSecretDetector implements ShapeDetector {

    public static final String ID = "azure-ad-client-secret";
    private static final int HEAD = 4;

    @Override
    public String ruleId() {
        return ID;
    }

    @Override
    public boolean mayMatch(ScanContext ctx, boolean keywordHit) {
        return ctx.length() >= 37 && ctx.text().indexOf("Q~") >= 0;
    }

    @Override
    public void scan(ScanContext ctx, HitList hits, MatchSink sink) {
        String t = ctx.text();
        for (int q = t.indexOf("Q~"); q >= 0; q = t.indexOf("Q~", q + 2)) {
            int s = q - HEAD;
            if (s < 0 || !Chars.isDigit(t.charAt(q - 1)) || (s > 0 && isSecretChar(t.charAt(s - 1)))) {
                continue;
            }
            int e = q + 2;
            while (e < t.length() && isSecretChar(t.charAt(e))) {
                e++;
            }
            if (e - q - 2 > 34 && t.charAt(e - 1) == '.') {
                e--; // a full stop after the secret
            }
            if (e - q - 2 >= 31 && e - q - 2 <= 34 && allSecretChars(t, s, q - 1)) {
                sink.add(s, e, 0);
            }
        }
    }

    private static boolean allSecretChars(String t, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isSecretChar(t.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSecretChar(char c) {
        return Chars.isWord(c) || c == '~' || c == '.' || c == '-';
    }
}
