package com.powerx.devhotload.masking.detect;

/**
 * {@code ipv6}: full and compressed IPv6 addresses (including IPv4-mapped tails). Loopback {@code ::1} and
 * unspecified {@code ::} stay readable; times ({@code 10:15:30}), MAC addresses and {@code a::b} scope operators
 * do not parse as addresses.
 */
public final class Ipv6Detector implements ShapeDetector {

    public static final String ID = "ipv6";
    private static final int MAX_ADDRESS = 45;
    /** {@link #doubleColon} result for text with two "::" or a ":::". */
    private static final int INVALID = -2;

    @Override
    public String ruleId() {
        return ID;
    }

    @Override
    public boolean mayMatch(ScanContext ctx, boolean keywordHit) {
        // Compressed addresses contain "::"; full ones have seven colons. Times (10:15:30) have neither.
        return ctx.has(ScanContext.DOUBLE_COLON) || ctx.hasColons(7);
    }

    @Override
    public void scan(ScanContext ctx, HitList hits, MatchSink sink) {
        String t = ctx.text();
        int n = t.length();
        int resume = 0;
        int c = t.indexOf(':');
        while (c >= 0) {
            if (c < resume) {
                c = t.indexOf(':', resume);
                continue;
            }
            int l = c;
            while (l > resume && c - l < 5 && Chars.isHex(t.charAt(l - 1))) {
                l--;
            }
            int r = c;
            while (r < n && r - l <= MAX_ADDRESS && (Chars.isHex(t.charAt(r)) || t.charAt(r) == ':' || t.charAt(r) == '.')) {
                r++;
            }
            int e = r;
            while (e > c + 1 && t.charAt(e - 1) == '.') {
                e--;
            }
            if (e > c + 1 && t.charAt(e - 1) == ':' && t.charAt(e - 2) != ':') {
                e--;
            }
            boolean bounded = (l == 0 || !(Chars.isAlnum(t.charAt(l - 1)) || t.charAt(l - 1) == '_'
                    || t.charAt(l - 1) == ':' || t.charAt(l - 1) == '.'))
                    && (r >= n || !(Chars.isAlnum(t.charAt(r)) || t.charAt(r) == '_'))
                    && r - l <= MAX_ADDRESS;
            if (bounded && valid(t, l, e) && !special(t, l, e)) {
                sink.add(l, e, 0);
            }
            resume = Math.max(r, c + 1);
            c = t.indexOf(':', resume);
        }
    }

    /** RFC 4291 text form: 8 groups, or fewer with exactly one "::"; an IPv4 tail counts as two groups. */
    static boolean valid(String t, int s, int e) {
        if (e - s < 3) {
            return false;
        }
        int dc = doubleColon(t, s, e);
        if (dc == INVALID) {
            return false;
        }
        int groups = 0;
        boolean digit = false;
        int i = s;
        while (i < e) {
            if (i == dc) {
                i += 2;
                continue;
            }
            int ge = i;
            while (ge < e && t.charAt(ge) != ':') {
                ge++;
            }
            int width = groupWidth(t, i, ge, e);
            if (width == 0) {
                return false;
            }
            groups += width;
            digit |= width == 2 || containsDigit(t, i, ge);
            i = ge;
            if (i < e && i != dc) {
                i++; // single ':' separator
                if (i >= e) {
                    return false;
                }
            }
        }
        return digit && (dc >= 0 ? groups <= 7 && groups >= 1 : groups == 8);
    }

    /** Offset of the only "::" in {@code [s,e)}, -1 when there is none, {@link #INVALID} for two or for ":::". */
    private static int doubleColon(String t, int s, int e) {
        int dc = -1;
        for (int i = s; i + 1 < e; i++) {
            if (t.charAt(i) == ':' && t.charAt(i + 1) == ':') {
                if (dc >= 0 || (i + 2 < e && t.charAt(i + 2) == ':')) {
                    return INVALID;
                }
                dc = i;
            }
        }
        return dc;
    }

    /**
     * How many of the eight 16-bit groups {@code [gs,ge)} stands for: 1 for up to four hex digits, 2 for a dotted
     * IPv4 tail at the end of the address ({@code ::ffff:10.0.0.1}), 0 when it is neither (an empty group is a
     * single ':' at an edge).
     */
    private static int groupWidth(String t, int gs, int ge, int e) {
        if (ge == gs) {
            return 0;
        }
        if (contains(t, gs, ge, '.')) {
            return ge == e && ipv4Tail(t, gs, ge) ? 2 : 0;
        }
        if (ge - gs > 4) {
            return 0;
        }
        for (int k = gs; k < ge; k++) {
            if (!Chars.isHex(t.charAt(k))) {
                return 0;
            }
        }
        return 1;
    }

    private static boolean containsDigit(String t, int s, int e) {
        for (int i = s; i < e; i++) {
            if (Chars.isDigit(t.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(String t, int s, int e, char c) {
        for (int i = s; i < e; i++) {
            if (t.charAt(i) == c) {
                return true;
            }
        }
        return false;
    }

    private static boolean ipv4Tail(String t, int s, int e) {
        int parts = 0;
        int i = s;
        while (i < e) {
            int ps = i;
            while (i < e && Chars.isDigit(t.charAt(i))) {
                i++;
            }
            if (i - ps < 1 || i - ps > 3 || Integer.parseInt(t, ps, i, 10) > 255) {
                return false;
            }
            parts++;
            if (i < e) {
                if (t.charAt(i) != '.') {
                    return false;
                }
                i++;
            }
        }
        return parts == 4;
    }

    private static boolean special(String t, int s, int e) {
        String a = t.substring(s, e).toLowerCase(java.util.Locale.ROOT);
        return a.equals("::1") || a.equals("::") || a.startsWith("::ffff:127.") || a.equals("0:0:0:0:0:0:0:1")
                || a.equals("0:0:0:0:0:0:0:0");
    }
}
