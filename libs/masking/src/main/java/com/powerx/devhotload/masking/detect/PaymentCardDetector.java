package com.powerx.devhotload.masking.detect;

/**
 * {@code payment-card}: 13–19 digit card numbers, contiguous or grouped with single spaces or dashes, that pass
 * Luhn and start with an issuer prefix (Visa, Mastercard, Amex, Discover, Diners, JCB, UnionPay, Maestro, Mir).
 * The issuer check keeps epoch-millisecond timestamps and most ids out.
 */
public final class PaymentCardDetector implements ShapeDetector {

    public static final String ID = "payment-card";
    private static final int MAX_GROUPS = 8;

    @Override
    public String ruleId() {
        return ID;
    }

    @Override
    public boolean mayMatch(ScanContext ctx, boolean keywordHit) {
        return ctx.digitCount() >= 13 && ctx.cardShaped();
    }

    @Override
    public void scan(ScanContext ctx, HitList hits, MatchSink sink) {
        String t = ctx.text();
        int n = t.length();
        int runs = ctx.digitRunCount();
        Groups g = new Groups();
        int r = 0;
        while (r < runs) {
            int s0 = ctx.digitRunStart(r);
            if (s0 > 0 && (Chars.isLetter(t.charAt(s0 - 1)) || t.charAt(s0 - 1) == '.' || t.charAt(s0 - 1) == '_')) {
                r++;
                continue;
            }
            int j = g.collect(ctx, t, r);
            int last = g.ends[g.count - 1];
            boolean rightBoundary = last >= n || !(Chars.isLetter(t.charAt(last)) || t.charAt(last) == '_'
                    || (t.charAt(last) == '.' && last + 1 < n && Chars.isDigit(t.charAt(last + 1))));
            int matchedUpTo = -1;
            if (rightBoundary || g.count > 1) {
                matchedUpTo = findCard(t, g.starts, g.ends, g.count, rightBoundary, sink);
            }
            r = j + 1;
            if (matchedUpTo < 0 && g.count == MAX_GROUPS) {
                r = j; // long grouped run: let the last group start a new sequence
            }
        }
    }

    /** Tries windows of whole groups, longest first, from each group start. Returns index of last group used. */
    private static int findCard(String t, int[] gs, int[] ge, int count, boolean rightBoundary, MatchSink sink) {
        int i = 0;
        int lastUsed = -1;
        while (i < count) {
            boolean found = false;
            for (int k = count - 1; k >= i; k--) {
                if (k == count - 1 && !rightBoundary) {
                    continue;
                }
                int digits = 0;
                boolean groupsOk = true;
                for (int g = i; g <= k; g++) {
                    int len = ge[g] - gs[g];
                    digits += len;
                    if (k > i && (len < 3 || len > 6)) {
                        groupsOk = false;
                    }
                }
                if (!groupsOk || digits < 13 || digits > 19) {
                    continue;
                }
                if (k == i && ge[i] - gs[i] != digits) {
                    continue;
                }
                if (issuer(t, gs, ge, i, k, digits) && Checksums.luhn(t, gs[i], ge[k])) {
                    sink.add(gs[i], ge[k], 0);
                    lastUsed = k;
                    i = k + 1;
                    found = true;
                    break;
                }
            }
            if (!found) {
                i++;
            }
        }
        return lastUsed;
    }

    /** Issuer identification number ranges of the major networks. */
    private static boolean issuer(String t, int[] gs, int[] ge, int from, int to, int digits) {
        StringBuilder b = new StringBuilder(6);
        for (int g = from; g <= to && b.length() < 6; g++) {
            for (int i = gs[g]; i < ge[g] && b.length() < 6; i++) {
                b.append(t.charAt(i));
            }
        }
        int p6 = Integer.parseInt(b.toString());
        int p1 = p6 / 100000;
        int p2 = p6 / 10000;
        int p3 = p6 / 1000;
        int p4 = p6 / 100;
        return switch (p1) {
            case 4 -> digits == 13 || digits == 16 || digits == 19; // Visa
            case 5 -> (p2 >= 51 && p2 <= 55 && digits == 16) || (p2 >= 50 && digits >= 12); // Mastercard, Maestro
            case 2 -> (p4 >= 2221 && p4 <= 2720 && digits == 16) || (p4 >= 2200 && p4 <= 2204 && digits >= 16); // MC, Mir
            case 3 -> ((p2 == 34 || p2 == 37) && digits == 15) // Amex
                    || ((p3 >= 300 && p3 <= 305 || p2 == 36 || p2 == 38 || p2 == 39) && digits >= 14) // Diners
                    || (p4 >= 3528 && p4 <= 3589 && digits >= 16); // JCB
            case 6 -> digits >= 16; // Discover, UnionPay, Maestro, RuPay
            default -> false;
        };
    }

    /** A sequence of digit groups joined by one consistent separator. One per scan, reused. */
    private static final class Groups {
        final int[] starts = new int[MAX_GROUPS];
        final int[] ends = new int[MAX_GROUPS];
        int count;

        /**
         * Collects runs from {@code r} on while single ' ' or '-' (the same throughout) join them, at most
         * {@link #MAX_GROUPS}; returns the index of the last run collected, or of the next one when
         * {@link #MAX_GROUPS} cut the sequence short.
         */
        int collect(ScanContext ctx, String t, int r) {
            int runs = ctx.digitRunCount();
            count = 0;
            char sepChar = 0;
            int j = r;
            while (j < runs && count < MAX_GROUPS) {
                starts[count] = ctx.digitRunStart(j);
                ends[count] = ctx.digitRunEnd(j);
                count++;
                int end = ctx.digitRunEnd(j);
                if (j + 1 >= runs || ctx.digitRunStart(j + 1) != end + 1) {
                    break;
                }
                char c = t.charAt(end);
                if (!(c == ' ' || c == '-') || (sepChar != 0 && c != sepChar)) {
                    break;
                }
                sepChar = c;
                j++;
            }
            return j;
        }
    }
}
