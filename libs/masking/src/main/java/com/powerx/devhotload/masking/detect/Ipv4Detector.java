package com.powerx.devhotload.masking.detect;

import java.util.Set;

/**
 * {@code ipv4}: dotted-quad addresses. Loopback (127/8), unspecified (0.0.0.0) and broadcast stay readable, as do
 * dotted runs of more than four parts (OIDs, versions) and quads labelled as versions.
 */
public final class Ipv4Detector implements ShapeDetector {

    public static final String ID = "ipv4";
    private static final Set<String> VERSION_WORDS = Set.of(
            "version", "ver", "v", "release", "build", "firmware", "rev", "revision", "os");

    @Override
    public String ruleId() {
        return ID;
    }

    @Override
    public boolean mayMatch(ScanContext ctx, boolean keywordHit) {
        return ctx.digitCount() >= 4 && ctx.has(ScanContext.DOT) && ctx.maxDotParts() >= 4;
    }

    @Override
    public void scan(ScanContext ctx, HitList hits, MatchSink sink) {
        String t = ctx.text();
        int n = t.length();
        int runs = ctx.digitRunCount();
        int r = 0;
        while (r + 3 < runs) {
            int s = ctx.digitRunStart(r);
            int parts = 1;
            int j = r;
            boolean octets = octet(t, ctx.digitRunStart(j), ctx.digitRunEnd(j));
            while (j + 1 < runs && ctx.digitRunStart(j + 1) == ctx.digitRunEnd(j) + 1
                    && t.charAt(ctx.digitRunEnd(j)) == '.') {
                j++;
                parts++;
                octets &= octet(t, ctx.digitRunStart(j), ctx.digitRunEnd(j));
            }
            int e = ctx.digitRunEnd(j);
            if (parts == 4 && octets && leftFree(t, s) && rightFree(t, e, n) && !special(t, s, e)
                    && !labelledVersion(t, s)) {
                sink.add(s, e, 0);
            }
            r = j + 1;
        }
    }

    private static boolean octet(String t, int s, int e) {
        int len = e - s;
        if (len < 1 || len > 3) {
            return false;
        }
        return Integer.parseInt(t, s, e, 10) <= 255;
    }

    private static boolean leftFree(String t, int s) {
        if (s == 0) {
            return true;
        }
        char b = t.charAt(s - 1);
        return !(Chars.isAlnum(b) || b == '_' || b == '.' || (b == '-' && s > 1 && Chars.isAlnum(t.charAt(s - 2))));
    }

    private static boolean rightFree(String t, int e, int n) {
        if (e >= n) {
            return true;
        }
        char c = t.charAt(e);
        if (Chars.isAlnum(c) || c == '_') {
            return false;
        }
        return !((c == '-' || c == '.') && e + 1 < n && Chars.isAlnum(t.charAt(e + 1)));
    }

    private static boolean special(String t, int s, int e) {
        String ip = t.substring(s, e);
        return ip.startsWith("127.") || ip.equals("0.0.0.0") || ip.equals("255.255.255.255");
    }

    /** "version 1.2.3.4", "v: 10.0.0.1": a four-part version, not an address. */
    private static boolean labelledVersion(String t, int s) {
        int i = s - 1;
        int skipped = 0;
        while (i >= 0 && skipped < 4 && " :=\t\"'".indexOf(t.charAt(i)) >= 0) {
            i--;
            skipped++;
        }
        int end = i + 1;
        while (i >= 0 && Chars.isLetter(t.charAt(i)) && end - i <= 12) {
            i--;
        }
        return end > i + 1 && VERSION_WORDS.contains(t.substring(i + 1, end).toLowerCase(java.util.Locale.ROOT));
    }
}
