package com.powerx.devhotload.masking;

import com.powerx.devhotload.masking.detect.MatchSink;
import java.util.Arrays;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Collects matches from all detectors of one call and resolves overlaps: higher-priority rules win, then earlier,
 * then longer matches. Not thread-safe; one per call.
 */
final class MatchCollector implements MatchSink {

    /** Fewer uncovered characters than this next to a marker means the "secret" is the marker itself. */
    private static final int MIN_UNMASKED = 4;
    private static final int[] EMPTY = new int[0];

    private final int textLength;
    // Allocated on the first match: most lines have none.
    private int[] starts = EMPTY;
    private int[] ends = EMPTY;
    private int[] keeps = EMPTY;
    private int[] rules = EMPTY;
    private int size;
    private int currentRule;
    private int[] accepted = new int[0];

    MatchCollector(int textLength) {
        this.textLength = textLength;
    }

    void begin(int rule) {
        currentRule = rule;
    }

    @Override
    public void add(int start, int end, int keep) {
        if (start < 0 || end > textLength || start >= end) {
            return;
        }
        if (size == starts.length) {
            int cap = Math.max(8, size * 2);
            starts = Arrays.copyOf(starts, cap);
            ends = Arrays.copyOf(ends, cap);
            keeps = Arrays.copyOf(keeps, cap);
            rules = Arrays.copyOf(rules, cap);
        }
        starts[size] = start;
        ends[size] = end;
        keeps[size] = keep;
        rules[size] = currentRule;
        size++;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Number of matches added so far (before {@link #resolve}). */
    int added() {
        return size;
    }

    /**
     * Whether {@code [s,e)} overlaps one of the first {@code n} added matches without containing it: a match found in
     * decoded text must not cut into what the raw text already showed to be one secret.
     */
    boolean cutsInto(int s, int e, int n) {
        for (int i = 0; i < n; i++) {
            boolean overlap = starts[i] < e && s < ends[i];
            if (overlap && !(s <= starts[i] && ends[i] <= e)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Drops marker-only matches and resolves overlaps; afterwards {@link #count()} and the accessors see the
     * accepted matches in text order. Higher-priority rules win, except that a secret-rule match strictly
     * containing accepted matches replaces them: otherwise "Authorization: AWS4-HMAC-SHA256 Credential=AKIA..,
     * Signature=.." would lose the whole header to the key id and leak the signature.
     */
    void resolve(String text, int[] markerSpans, boolean[] mayContain) {
        int[] order = new int[size];
        int candidates = withoutMarkers(text, markerSpans, order);
        long[] byStart = byStart(order, candidates);
        if (disjoint(byStart)) {
            // The common case, also for inputs with thousands of matches: no overlaps, nothing to decide.
            accepted = new int[candidates];
            for (int k = 0; k < candidates; k++) {
                accepted[k] = (int) byStart[k];
            }
            return;
        }
        resolveOverlaps(order, candidates, mayContain);
    }

    /** Writes the indexes of matches that are not just earlier masking output to {@code out}; returns how many. */
    private int withoutMarkers(String text, int[] markerSpans, int[] out) {
        int candidates = 0;
        for (int i = 0; i < size; i++) {
            int covered = MaskMarkers.covered(markerSpans, starts[i], ends[i]);
            if (covered > 0 && MaskMarkers.isMaskedValue(text, markerSpans, starts[i], ends[i], covered, MIN_UNMASKED)) {
                continue;
            }
            out[candidates++] = i;
        }
        return candidates;
    }

    /** The first {@code count} matches of {@code order} as (start << 32 | index), sorted by start. */
    private long[] byStart(int[] order, int count) {
        long[] byStart = new long[count];
        for (int k = 0; k < count; k++) {
            byStart[k] = ((long) starts[order[k]] << 32) | order[k];
        }
        Arrays.sort(byStart);
        return byStart;
    }

    private boolean disjoint(long[] byStart) {
        for (int k = 1; k < byStart.length; k++) {
            if (ends[(int) byStart[k - 1]] > starts[(int) byStart[k]]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Accepts candidates by priority, then start, then length (longest first): each either fits beside the
     * accepted ones, or replaces those it strictly contains, or is dropped.
     */
    private void resolveOverlaps(int[] order, int candidates, boolean[] mayContain) {
        Integer[] cand = new Integer[candidates];
        for (int k = 0; k < candidates; k++) {
            cand[k] = order[k];
        }
        Arrays.sort(cand, (a, b) -> rules[a] != rules[b] ? Integer.compare(rules[a], rules[b])
                : starts[a] != starts[b] ? Integer.compare(starts[a], starts[b])
                : Integer.compare(ends[b] - starts[b], ends[a] - starts[a]));
        TreeMap<Integer, Integer> taken = new TreeMap<>(); // start -> match index
        for (Integer i : cand) {
            int s = starts[i];
            int e = ends[i];
            Map.Entry<Integer, Integer> left = taken.lowerEntry(s);
            if (left != null && ends[left.getValue()] > s) {
                continue; // partial overlap with an accepted match starting before
            }
            NavigableMap<Integer, Integer> inside = taken.subMap(s, true, e, false);
            if (inside.isEmpty()) {
                taken.put(s, i);
            } else if (mayContain[rules[i]] && strictlyContainsAll(s, e, inside.values())) {
                inside.clear();
                taken.put(s, i);
            }
        }
        accepted = new int[taken.size()];
        int k = 0;
        for (int i : taken.values()) {
            accepted[k++] = i;
        }
    }

    /** Whether {@code [s,e)} strictly contains every match in {@code inside} (all start at or after {@code s}). */
    private boolean strictlyContainsAll(int s, int e, Iterable<Integer> inside) {
        for (int j : inside) {
            if (ends[j] > e || (starts[j] == s && ends[j] == e)) {
                return false;
            }
        }
        return true;
    }

    int count() {
        return accepted.length;
    }

    int start(int k) {
        return starts[accepted[k]];
    }

    int end(int k) {
        return ends[accepted[k]];
    }

    int keep(int k) {
        return keeps[accepted[k]];
    }

    int rule(int k) {
        return rules[accepted[k]];
    }
}
