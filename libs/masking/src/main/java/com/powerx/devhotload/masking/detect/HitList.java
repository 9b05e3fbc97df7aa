package com.powerx.devhotload.masking.detect;

import java.util.Arrays;

/** Positions where one detector's keywords occur, in text order. */
public final class HitList {

    static final HitList EMPTY = new HitList();

    private int[] starts = new int[8];
    private int[] keywords = new int[8];
    private int size;

    private boolean unordered;

    void add(int start, int keyword) {
        if (size > 0 && start < starts[size - 1]) {
            unordered = true; // keywords indexed by an inner window are found after later-starting ones
        }
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            keywords = Arrays.copyOf(keywords, size * 2);
        }
        starts[size] = start;
        keywords[size] = keyword;
        size++;
    }

    void clear() {
        size = 0;
        unordered = false;
    }

    /** Restores start order; detectors read hits left to right. */
    void sort() {
        if (!unordered) {
            return;
        }
        long[] packed = new long[size];
        for (int i = 0; i < size; i++) {
            packed[i] = ((long) starts[i] << 32) | keywords[i];
        }
        Arrays.sort(packed);
        for (int i = 0; i < size; i++) {
            starts[i] = (int) (packed[i] >>> 32);
            keywords[i] = (int) packed[i];
        }
        unordered = false;
    }

    public int size() {
        return size;
    }

    /** Index of the first character of the matched keyword. */
    public int start(int i) {
        return starts[i];
    }

    /** Index of the keyword in the detector's {@link Detector#keywords()} list. */
    public int keyword(int i) {
        return keywords[i];
    }
}
