package com.powerx.devhotload.masking.detect;

import java.util.List;

/**
 * {@code phone}: international numbers ({@code +} and 8–15 digits), North American numbers in the usual
 * {@code (415) 555-2671} / {@code 415-555-2671} layouts, national numbers with a trunk {@code 0} and consistent
 * grouping ({@code 020 7946 0958}, {@code 06 12 34 56 78}), and any 7–15 digit number right after a phone-like
 * key ({@code phone=}, {@code msisdn:}). Plain digit runs, dates, times, versions and ports do not match.
 */
public final class PhoneDetector implements Detector {

    public static final String ID = "phone";
    private static final List<String> KEYWORDS = List.of(
            "phone", "tel", "mobile", "cell", "fax", "msisdn", "whatsapp", "sms");
    private static final int MAX_GROUPS = 8;

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
        if (ctx.digitCount() < 7) {
            return false;
        }
        // Formats need a '+', a '(' area code, 10+ grouped digits, or a phone-like key.
        return keywordHit || ctx.maxMultiGroupDigits() >= 10 || ctx.phoneShaped();
    }

    @Override
    public void scan(ScanContext ctx, HitList hits, MatchSink sink) {
        String t = ctx.text();
        int runs = ctx.digitRunCount();
        Groups groups = new Groups();
        int hitIdx = 0;
        int r = 0;
        while (r < runs) {
            int s = ctx.digitRunStart(r);
            while (hitIdx < hits.size() && hits.start(hitIdx) < s) {
                hitIdx++;
            }
            // Only the closest phone-like key before this number matters, and only when it is near.
            int keywordEnd = -1000;
            if (hitIdx > 0 && s - hits.start(hitIdx - 1) <= 40) {
                keywordEnd = keyEnd(t, hits.start(hitIdx - 1) + KEYWORDS.get(hits.keyword(hitIdx - 1)).length());
            }
            r = number(ctx, r, keywordEnd, groups, sink);
        }
    }

    /**
     * Tries the number whose first digit run is {@code r}; returns the run to continue with: after the number when
     * it matched, else the next run (a number may start inside a rejected longer sequence).
     */
    private static int number(ScanContext ctx, int r, int keywordEnd, Groups g, MatchSink sink) {
        String t = ctx.text();
        int s = ctx.digitRunStart(r);
        boolean plus = s > 0 && t.charAt(s - 1) == '+';
        boolean paren = s > 0 && t.charAt(s - 1) == '(';
        int start = plus || paren ? s - 1 : s;
        if (start > 0 && blockedBefore(t, start, plus, paren, keywordEnd)) {
            return r + 1;
        }
        int last = g.collect(ctx, t, r);
        int digits = g.digits;
        int end = g.end;
        boolean ok = rightBoundary(t, end) && ((digits <= 15 && (
                (afterKey(t, start, keywordEnd) && digits >= 7)
                || (plus && international(t, s, digits))
                || northAmerican(t, s, paren, g.sizes, g.gaps, g.count)
                || trunkZero(t, s, paren, g.sizes, g.gaps, g.count, digits)))
                || internationalPrefix(t, s, plus || paren, g.sizes, g.gaps, g.count, digits));
        if (ok) {
            sink.add(start, end, 0);
            return last + 1;
        }
        return r + 1;
    }

    /** Whether the character before a number starting at {@code start} makes it part of something else. */
    private static boolean blockedBefore(String t, int start, boolean plus, boolean paren, int keywordEnd) {
        char b = t.charAt(start - 1);
        // A comma before a bare number is a list ("1,234,567"); before '(' or '+' it is a CSV field.
        return Chars.isAlnum(b) || b == '.' || b == '_' || b == '/' || b == '\\' || b == '+'
                || b == '-' || (b == ',' && !plus && !paren)
                || (b == ':' && !plus && !afterKey(t, start, keywordEnd));
    }

    /** A number ends at {@code end} unless a word, or a version/date/time/path continuing with digits, goes on. */
    private static boolean rightBoundary(String t, int end) {
        int n = t.length();
        return end >= n || !(Chars.isAlnum(t.charAt(end)) || t.charAt(end) == '_'
                || ((t.charAt(end) == '.' || t.charAt(end) == '-' || t.charAt(end) == ':' || t.charAt(end) == '/')
                && end + 1 < n && Chars.isDigit(t.charAt(end + 1))));
    }

    /** End of the key word containing a keyword hit (phone → phoneNumber). */
    private static int keyEnd(String t, int p) {
        int n = t.length();
        while (p < n && Chars.isKeyChar(t.charAt(p))) {
            p++;
        }
        return p;
    }

    /** The number follows a phone-like key with only a separator between ({@code phone: }, {@code "tel":"}). */
    private static boolean afterKey(String t, int start, int keyEnd) {
        if (keyEnd < 0 || start < keyEnd || start - keyEnd > 6) {
            return false;
        }
        for (int i = keyEnd; i < start; i++) {
            if (" :=\t\"'#".indexOf(t.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Separator between two digit groups: ' ', '-', '.', ')' (for "(415) 555"), or 0 when not a phone gap. */
    private static char gap(String t, int from, int to) {
        int len = to - from;
        if (len < 1 || len > 3) {
            return 0;
        }
        char first = t.charAt(from);
        if (len == 1) {
            return first == ' ' || first == '-' || first == '.' ? first : first == ')' ? ')' : 0;
        }
        char second = t.charAt(from + 1);
        if (len == 2) {
            boolean paren = (first == ')' && (second == ' ' || second == '-'))
                    || ((first == ' ' || first == '-') && second == '(');
            return paren ? ')' : 0;
        }
        char third = t.charAt(from + 2);
        boolean paren = (first == ')' && second == ' ' && (third == '-' || third == '('))
                || (first == ' ' && second == '-' && third == ' ');
        return paren ? ')' : 0;
    }

    /**
     * The European international call prefix instead of '+': {@code 0049 30 1234567}, {@code 00 44 20 7946 0958} —
     * "00", a country code not starting with 0, and 8–15 more digits in space- or dash-separated groups, one of them
     * at least three digits long.
     */
    private static boolean internationalPrefix(String t, int s, boolean marked, int[] sizes, char[] gaps, int count,
                                               int digits) {
        if (marked || count < 2 || digits < 10 || digits > 17 || t.charAt(s) != '0' || t.charAt(s + 1) != '0') {
            return false;
        }
        int cc = sizes[0] == 2 ? s + 3 : s + 2; // "00 44" or "0044"
        if (cc >= t.length() || t.charAt(cc) == '0' || !Chars.isDigit(t.charAt(cc))) {
            return false;
        }
        boolean longGroup = false; // hex dumps ("00 11 22 33 44") have only pairs
        for (int i = 0; i < count - 1; i++) {
            if (gaps[i] != ' ' && gaps[i] != '-') {
                return false;
            }
            longGroup |= sizes[i + 1] >= 3;
        }
        return longGroup;
    }

    private static boolean international(String t, int s, int digits) {
        return digits >= 8 && t.charAt(s) != '0';
    }

    private static boolean northAmerican(String t, int s, boolean paren, int[] sizes, char[] gaps, int count) {
        int first = 0;
        int p = s;
        if (count == 4 && sizes[0] == 1 && t.charAt(s) == '1') {
            first = 1;
            p = s + 2;
            while (!Chars.isDigit(t.charAt(p))) {
                p++;
            }
        }
        if (count - first != 3 || sizes[first] != 3 || sizes[first + 1] != 3 || sizes[first + 2] != 4) {
            return false;
        }
        if (t.charAt(p) < '2') {
            return false;
        }
        int exchange = p + 3;
        while (!Chars.isDigit(t.charAt(exchange))) {
            exchange++;
        }
        if (t.charAt(exchange) < '2') {
            return false;
        }
        char g1 = gaps[first];
        char g2 = gaps[first + 1];
        if (paren && first == 0) {
            return g1 == ')' && (g2 == '-' || g2 == ' ' || g2 == '.');
        }
        return g1 == g2 && (g1 == '-' || g1 == '.' || g1 == ' ');
    }

    private static boolean trunkZero(String t, int s, boolean paren, int[] sizes, char[] gaps, int count, int digits) {
        if (paren || t.charAt(s) != '0' || sizes[0] < 2 || t.charAt(s + 1) == '0' || digits < 10 || digits > 12 || count < 2
                || count > 5) {
            return false;
        }
        char g = gaps[0];
        if (g != ' ' && g != '-' && g != '.') {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (sizes[i] < 2 || (i < count - 1 && gaps[i] != g)) {
                return false;
            }
        }
        // Dotted national numbers look like versions and dates; accept dots only in 5 pairs (06.12.34.56.78).
        return g != '.' || count == 5;
    }

    /** The digit groups of one candidate number: run sizes and the gaps between them. One per scan, reused. */
    private static final class Groups {
        final int[] sizes = new int[MAX_GROUPS];
        final char[] gaps = new char[MAX_GROUPS];
        int count;
        int digits;
        int end;

        /**
         * Collects runs from {@code r} on while they are separated by phone gaps, up to 15+ digits or
         * {@link #MAX_GROUPS} groups; returns the index of the last run collected.
         */
        int collect(ScanContext ctx, String t, int r) {
            int runs = ctx.digitRunCount();
            count = 0;
            digits = 0;
            int j = r;
            while (true) {
                int size = ctx.digitRunEnd(j) - ctx.digitRunStart(j);
                sizes[count] = size;
                digits += size;
                end = ctx.digitRunEnd(j);
                count++;
                if (digits > 15 || count >= MAX_GROUPS || j + 1 >= runs) {
                    return j;
                }
                char gap = gap(t, end, ctx.digitRunStart(j + 1));
                if (gap == 0) {
                    return j;
                }
                gaps[count - 1] = gap;
                j++;
            }
        }
    }
}
