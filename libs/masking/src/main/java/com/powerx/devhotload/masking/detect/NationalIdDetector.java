package com.powerx.devhotload.masking.detect;

import java.util.List;

/**
 * {@code national-id}: national identifiers with a format or checksum that makes them recognisable:
 * US SSN ({@code 123-45-6789}, excluding never-issued ranges; undashed only after an "ssn" key), UK National
 * Insurance numbers, Spanish DNI/NIE (mod-23 letter) and Dutch BSN (11-proof, only after a "bsn" key because
 * one random 9-digit number in eleven passes the check).
 */
public final class NationalIdDetector implements Detector {

    public static final String ID = "national-id";
    private static final List<String> KEYWORDS = List.of(
            "ssn", "social security", "social_security", "social-security", "socialsecurity", "bsn",
            "burgerservicenummer", "sofinummer");
    /** The first keywords name an SSN, the rest a Dutch BSN. */
    private static final int SSN_KEYWORDS = 5;
    private static final int CONTEXT = 32;

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
        // SSN needs 9 grouped digits; NINO and DNI/NIE need an upper-case letter next to 6-8 digits.
        if (ctx.digitCount() < 6) {
            return false;
        }
        if (keywordHit) {
            return true;
        }
        // SSN 3-2-4 (9 grouped digits); NINO 6 digits or 2-2-2, DNI 8 and NIE 7 digits next to a capital letter.
        return ctx.maxMultiGroupDigits() >= 6 || (ctx.has(ScanContext.UPPER)
                && (ctx.hasRunOfLength(6) || ctx.hasRunOfLength(7) || ctx.hasRunOfLength(8)));
    }

    @Override
    public void scan(ScanContext ctx, HitList hits, MatchSink sink) {
        String t = ctx.text();
        int resume = 0;
        int hitIdx = 0;
        int lastSsnKey = -1000;
        int lastBsnKey = -1000;
        for (int r = 0; r < ctx.digitRunCount(); r++) {
            int s = ctx.digitRunStart(r);
            if (s < resume) {
                continue;
            }
            while (hitIdx < hits.size() && hits.start(hitIdx) < s) {
                int kw = hits.keyword(hitIdx);
                int end = hits.start(hitIdx) + KEYWORDS.get(kw).length();
                if (kw < SSN_KEYWORDS) {
                    lastSsnKey = end;
                } else {
                    lastBsnKey = end;
                }
                hitIdx++;
            }
            int[] span = idAt(t, ctx, r, s - lastSsnKey <= CONTEXT, s - lastBsnKey <= CONTEXT);
            if (span != null) {
                sink.add(span[0], span[1], 0);
                resume = span[1];
            }
        }
    }

    /** The national id starting with digit run {@code r} as {start, end}, or null. */
    private static int[] idAt(String t, ScanContext ctx, int r, boolean ssnKey, boolean bsnKey) {
        int s = ctx.digitRunStart(r);
        int e = ctx.digitRunEnd(r);
        int len = e - s;
        int found = -1;
        if (len == 3 && r + 2 < ctx.digitRunCount()) {
            found = groupedSsn(t, ctx, r, ssnKey);
        } else if (len == 9 && leftFree(t, s) && rightFree(t, e)) {
            boolean ssn = ssnKey && notZero(t, s, s + 3, s + 5);
            found = ssn || (bsnKey && Checksums.dutchBsn(t, s)) ? e : -1;
        } else if (len == 6) {
            int nino = nino(t, s, e);
            return nino < 0 ? null : new int[] {s - 2, nino};
        } else if (len == 2 && r + 2 < ctx.digitRunCount()) {
            int nino = spacedNino(t, ctx, r);
            return nino < 0 ? null : new int[] {s - 3, nino};
        }
        if (found < 0 && (len == 8 || len == 7)) {
            int dni = dni(t, s, e);
            return dni < 0 ? null : new int[] {len == 7 ? s - 1 : s, dni};
        }
        return found < 0 ? null : new int[] {s, found};
    }

    private static boolean leftFree(String t, int s) {
        return s == 0 || !(Chars.isAlnum(t.charAt(s - 1)) || t.charAt(s - 1) == '-' || t.charAt(s - 1) == '.'
                || t.charAt(s - 1) == '_' || t.charAt(s - 1) == '/');
    }

    private static boolean rightFree(String t, int e) {
        int n = t.length();
        if (e >= n) {
            return true;
        }
        char c = t.charAt(e);
        if (Chars.isAlnum(c) || c == '_') {
            return false;
        }
        return !((c == '-' || c == '.' || c == '/' || c == ':') && e + 1 < n && Chars.isDigit(t.charAt(e + 1)));
    }

    /**
     * 123-45-6789 anywhere, with never-issued areas (000, 666, 9xx), group 00 and serial 0000 excluded; after an
     * SSN key also {@code 123 45 6789} and {@code 123.45.6789}, and any area: a labelled number is an SSN even when
     * it is one of the invalid example numbers people type.
     */
    private static int groupedSsn(String t, ScanContext ctx, int r, boolean keyed) {
        int s = ctx.digitRunStart(r);
        int e1 = ctx.digitRunEnd(r);
        int s2 = ctx.digitRunStart(r + 1);
        int e2 = ctx.digitRunEnd(r + 1);
        int s3 = ctx.digitRunStart(r + 2);
        int e3 = ctx.digitRunEnd(r + 2);
        if (s2 != e1 + 1 || s3 != e2 + 1 || e2 - s2 != 2 || e3 - s3 != 4 || !rightFree(t, e3)) {
            return -1;
        }
        char sep = t.charAt(e1);
        if (sep != t.charAt(e2) || !(sep == '-' || (keyed && (sep == ' ' || sep == '.')))) {
            return -1;
        }
        if (keyed) {
            return notZero(t, s, s2, s3) ? e3 : -1;
        }
        return leftFree(t, s) && ssnRanges(t, s, s2, s3) ? e3 : -1;
    }

    /** No part of the number is all zeros (000-00-0000 is a placeholder). */
    private static boolean notZero(String t, int area, int group, int serial) {
        return !Chars.regionMatches(t, area, "000") && !Chars.regionMatches(t, group, "00")
                && !Chars.regionMatches(t, serial, "0000");
    }

    private static boolean ssnRanges(String t, int area, int group, int serial) {
        int a = Integer.parseInt(t.substring(area, area + 3));
        int g = Integer.parseInt(t.substring(group, group + 2));
        int s = Integer.parseInt(t.substring(serial, serial + 4));
        return a != 0 && a != 666 && a < 900 && g != 0 && s != 0;
    }

    /** AB123456C: valid prefix letters, six digits, suffix A-D. Returns end or -1. */
    private static int nino(String t, int s, int e) {
        int n = t.length();
        if (s < 2 || e >= n || !ninoPrefix(t, s - 2)) {
            return -1;
        }
        char suffix = t.charAt(e);
        if (suffix < 'A' || suffix > 'D' || (e + 1 < n && Chars.isAlnum(t.charAt(e + 1)))) {
            return -1;
        }
        return e + 1;
    }

    /** AB 12 34 56 C. Returns end or -1. */
    private static int spacedNino(String t, ScanContext ctx, int r) {
        int n = t.length();
        int s = ctx.digitRunStart(r);
        if (s < 3 || t.charAt(s - 1) != ' ' || !ninoPrefix(t, s - 3)) {
            return -1;
        }
        for (int k = 0; k < 2; k++) {
            int end = ctx.digitRunEnd(r + k);
            int next = ctx.digitRunStart(r + k + 1);
            if (next != end + 1 || t.charAt(end) != ' ' || ctx.digitRunEnd(r + k + 1) - next != 2) {
                return -1;
            }
        }
        int e = ctx.digitRunEnd(r + 2);
        if (e + 1 >= n || t.charAt(e) != ' ') {
            return -1;
        }
        char suffix = t.charAt(e + 1);
        if (suffix < 'A' || suffix > 'D' || (e + 2 < n && Chars.isAlnum(t.charAt(e + 2)))) {
            return -1;
        }
        return e + 2;
    }

    private static boolean ninoPrefix(String t, int p) {
        if (p < 0 || (p > 0 && Chars.isAlnum(t.charAt(p - 1)))) {
            return false;
        }
        char a = t.charAt(p);
        char b = t.charAt(p + 1);
        if (!Chars.isUpper(a) || !Chars.isUpper(b) || "DFIQUV".indexOf(a) >= 0 || "DFIOQUV".indexOf(b) >= 0) {
            return false;
        }
        String prefix = "" + a + b;
        return !(prefix.equals("BG") || prefix.equals("GB") || prefix.equals("NK") || prefix.equals("KN")
                || prefix.equals("TN") || prefix.equals("NT") || prefix.equals("ZZ"));
    }

    /** DNI 12345678Z / 12345678-Z and NIE X1234567L with the mod-23 control letter. Returns end or -1. */
    private static int dni(String t, int s, int e) {
        int n = t.length();
        int len = e - s;
        int p = e;
        if (p < n && t.charAt(p) == '-') {
            p++;
        }
        if (p >= n || !Chars.isUpper(t.charAt(p)) || (p + 1 < n && Chars.isAlnum(t.charAt(p + 1)))) {
            return -1;
        }
        long number = Long.parseLong(t, s, e, 10);
        if (len == 7) {
            if (s == 0) {
                return -1;
            }
            char prefix = t.charAt(s - 1);
            int idx = "XYZ".indexOf(prefix);
            if (idx < 0 || (s > 1 && Chars.isAlnum(t.charAt(s - 2)))) {
                return -1;
            }
            number += idx * 10_000_000L;
        } else if (s > 0 && (Chars.isAlnum(t.charAt(s - 1)) || t.charAt(s - 1) == '-' || t.charAt(s - 1) == '.')) {
            return -1;
        }
        return Checksums.spanishDni(number, t.charAt(p)) ? p + 1 : -1;
    }
}
