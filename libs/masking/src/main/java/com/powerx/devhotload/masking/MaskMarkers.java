package com.powerx.devhotload.masking;

import com.powerx.devhotload.masking.detect.HitList;
import java.util.Arrays;
import java.util.List;

/**
 * Spans of text that are output of masking ({@code ****}, {@code [HASH:..]}, {@code [REDACTED:..]}). Detectors
 * treat them as non-secret, which makes masking idempotent and lets the verifier read masked output.
 */
final class MaskMarkers {

    static final List<String> KEYWORDS = List.of("***", "[hash:", "[redacted:");
    private static final int MAX_MARKER = 96;
    static final int[] NONE = new int[0];
    /** Longest public token marker the mask action may keep (github_pat_, sk-svcacct-). */
    private static final int MAX_KEPT_PREFIX = 12;

    private MaskMarkers() {
    }

    /** Sorted, non-overlapping {@code [start, end)} pairs, flattened. */
    static int[] spans(String t, HitList hits) {
        if (hits.size() == 0) {
            return NONE;
        }
        int[] out = new int[8];
        int count = 0;
        int lastEnd = -1;
        for (int h = 0; h < hits.size(); h++) {
            int at = hits.start(h);
            if (at < lastEnd) {
                continue;
            }
            int s = at;
            int e;
            if (hits.keyword(h) == 0) {
                s = starRunStart(t, at, lastEnd);
                e = starRunEnd(t, at);
            } else {
                e = bracketMarkerEnd(t, at, KEYWORDS.get(hits.keyword(h)).length());
                if (e < 0) {
                    continue;
                }
            }
            if (2 * count + 2 > out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            out[2 * count] = s;
            out[2 * count + 1] = e;
            count++;
            lastEnd = e;
        }
        return Arrays.copyOf(out, 2 * count);
    }

    /** Start of the run of '*' around the "***" hit at {@code at}, not reaching back into the previous span. */
    private static int starRunStart(String t, int at, int lastEnd) {
        int s = at;
        while (s > 0 && t.charAt(s - 1) == '*' && s > lastEnd) {
            s--;
        }
        return s;
    }

    private static int starRunEnd(String t, int at) {
        int n = t.length();
        int e = at;
        while (e < n && t.charAt(e) == '*') {
            e++;
        }
        return e;
    }

    /**
     * End (after the ']') of the {@code [HASH:...]} or {@code [REDACTED:...]} marker at {@code at} whose opening
     * is {@code openLength} characters long, or -1. Only characters the redactor writes may follow the opening, so
     * other text in brackets is no marker.
     */
    private static int bracketMarkerEnd(String t, int at, int openLength) {
        int limit = Math.min(t.length(), at + MAX_MARKER);
        for (int i = at + openLength; i < limit; i++) {
            char c = t.charAt(i);
            if (c == ']') {
                return i + 1;
            }
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
                return -1;
            }
        }
        return -1;
    }

    /** Number of characters of {@code [s,e)} covered by marker spans. */
    static int covered(int[] spans, int s, int e) {
        if (spans.length == 0) {
            return 0;
        }
        // Binary search for the first span ending after s.
        int lo = 0;
        int hi = spans.length / 2;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (spans[2 * mid + 1] <= s) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int total = 0;
        for (int i = lo; i < spans.length / 2 && spans[2 * i] < e; i++) {
            total += Math.min(e, spans[2 * i + 1]) - Math.max(s, spans[2 * i]);
        }
        return total;
    }

    /**
     * A match that overlaps a marker is already-masked output when what is left is tiny, or is only a kept public
     * prefix directly in front of the marker ({@code ghp_****}, {@code sk-svcacct-****}).
     */
    static boolean isMaskedValue(String text, int[] spans, int s, int e, int covered, int minUnmasked) {
        int uncovered = (e - s) - covered;
        if (uncovered < minUnmasked || significantUncovered(text, spans, s, e) < minUnmasked) {
            return true;
        }
        if (uncovered > MAX_KEPT_PREFIX) {
            return false;
        }
        // Uncovered text must be exactly [s, firstMarkerStart) and the marker must run to e.
        int first = firstSpanAtOrAfter(spans, s);
        return first >= 0 && spans[2 * first] - s == uncovered;
    }

    /** Uncovered characters that could carry a secret: not quotes, commas, brackets or blanks ("****", "****"). */
    private static int significantUncovered(String text, int[] spans, int s, int e) {
        int count = 0;
        int k = 0;
        for (int i = s; i < e; i++) {
            while (k < spans.length / 2 && spans[2 * k + 1] <= i) {
                k++;
            }
            if (k < spans.length / 2 && spans[2 * k] <= i) {
                continue;
            }
            if (" \t\"',;[]{}()".indexOf(text.charAt(i)) < 0) {
                count++;
            }
        }
        return count;
    }

    private static int firstSpanAtOrAfter(int[] spans, int s) {
        for (int i = 0; i < spans.length / 2; i++) {
            if (spans[2 * i + 1] > s) {
                return i;
            }
        }
        return -1;
    }
}
