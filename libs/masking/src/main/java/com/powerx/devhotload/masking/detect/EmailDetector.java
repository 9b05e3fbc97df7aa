package com.powerx.devhotload.masking.detect;

/**
 * {@code email}: e-mail addresses with a dotted domain and an alphabetic TLD. npm-style {@code pkg@1.2.3},
 * Java {@code Object@1a2b3c} identities, {@code user@localhost} and Docker digests are not addresses.
 */
public final class EmailDetector implements ShapeDetector {

    public static final String ID = "email";
    private static final int MAX_LOCAL = 64;
    private static final int MAX_DOMAIN = 253;

    @Override
    public String ruleId() {
        return ID;
    }

    @Override
    public boolean mayMatch(ScanContext ctx, boolean keywordHit) {
        return ctx.has(ScanContext.AT);
    }

    @Override
    public void scan(ScanContext ctx, HitList hits, MatchSink sink) {
        String t = ctx.text();
        int n = t.length();
        int prevAt = -1;
        int resume = 0;
        for (int at = t.indexOf('@'); at >= 0; at = t.indexOf('@', at + 1)) {
            int floor = Math.max(prevAt + 1, resume);
            prevAt = at;
            // Local part: scanned left, never past the previous '@', so "@.@.@." input stays linear.
            int s = at;
            while (s > floor && isLocalChar(t.charAt(s - 1)) && at - s <= MAX_LOCAL) {
                s--;
            }
            if (s > floor && isLocalChar(t.charAt(s - 1))) {
                continue; // local part too long
            }
            while (s < at && (t.charAt(s) == '.' || t.charAt(s) == '-' || t.charAt(s) == '+')) {
                s++;
            }
            if (s == at || t.charAt(at - 1) == '.' || (s >= 3 && Chars.regionMatches(t, s - 3, "://"))) {
                continue; // scheme://user@host is URL user info, not a mailbox
            }
            int e = domainEnd(t, at + 1, n);
            if (e < 0) {
                continue;
            }
            sink.add(s, e, 0);
            resume = e;
        }
    }

    static boolean isLocalChar(char c) {
        return Chars.isAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' || c == '\'';
    }

    /** End of a valid domain starting at {@code p}, or -1. */
    private static int domainEnd(String t, int p, int n) {
        int limit = Math.min(n, p + MAX_DOMAIN);
        int labels = 0;
        int lastLabelStart = p;
        int i = p;
        int end = -1;
        while (i < limit) {
            int ls = i;
            while (i < limit && (Chars.isAlnum(t.charAt(i)) || t.charAt(i) == '-')) {
                i++;
            }
            if (i == ls || t.charAt(ls) == '-' || t.charAt(i - 1) == '-') {
                break;
            }
            labels++;
            lastLabelStart = ls;
            end = i;
            if (i < limit && t.charAt(i) == '.' && i + 1 < limit && Chars.isAlnum(t.charAt(i + 1))) {
                i++;
            } else {
                break;
            }
        }
        if (labels < 2 || !isTopLevelDomain(t, lastLabelStart, end) || continuesAfter(t, end, n)) {
            return -1;
        }
        return end;
    }

    /** 2-24 letters, not mixed case: a camel-case last label is code ({@code Object@1a2b3c.toString}). */
    private static boolean isTopLevelDomain(String t, int s, int e) {
        if (e - s < 2 || e - s > 24) {
            return false;
        }
        boolean lower = false;
        boolean upper = false;
        for (int j = s; j < e; j++) {
            char c = t.charAt(j);
            if (!Chars.isLetter(c)) {
                return false;
            }
            lower |= Chars.isLower(c);
            upper |= Chars.isUpper(c);
        }
        return !(lower && upper);
    }

    /** Whether the text after the domain shows it is something else than a mailbox. */
    private static boolean continuesAfter(String t, int end, int n) {
        if (end < n && (t.charAt(end) == '(' || t.charAt(end) == '@' || Chars.isAlnum(t.charAt(end)))) {
            return true; // Object@1a2b3c.toString(): a method call, not a TLD
        }
        // git@github.com:org/repo.git is an SSH remote (scp syntax), not a mailbox.
        return end + 1 < n && t.charAt(end) == ':' && (Chars.isLetter(t.charAt(end + 1)) || t.charAt(end + 1) == '/'
                || t.charAt(end + 1) == '~');
    }
}
