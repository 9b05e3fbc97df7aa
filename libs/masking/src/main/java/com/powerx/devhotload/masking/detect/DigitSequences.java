package com.powerx.devhotload.masking.detect;

/**
 * Shapes of the digit sequences of one text — runs joined by one consistent ' ', '-' or '.' — summarised into the
 * cheap gates that let the number detectors skip lines whose digits are only timestamps, durations and counters.
 * Computed from the digit runs of {@link ScanContext} on first use; one instance per context, reused per text.
 */
final class DigitSequences {

    /** Most digits in a sequence of at least two groups. */
    int maxMultiGroupDigits;
    /** Most parts in a dot-separated sequence. */
    int maxDotParts;
    /** Bit {@code min(31, length)} set for every run length present. */
    int runLengths;
    boolean cardShaped;
    boolean phoneShaped;
    boolean ibanShaped;

    /** Summarises the {@code count} runs in {@code runs} (start, end, start, end...) over the text {@code t}. */
    void compute(char[] t, int[] runs, int count) {
        maxMultiGroupDigits = 0;
        maxDotParts = 0;
        runLengths = 0;
        cardShaped = false;
        phoneShaped = false;
        ibanShaped = false;
        int r = 0;
        while (r < count) {
            int last = lastJoinedRun(t, runs, count, r);
            addSequence(t, runs, count, r, last);
            // The last run of a sequence may start another one with a different separator ("8 10.0.4.9").
            r = last > r ? last : last + 1;
        }
    }

    /** Index of the last run joined to run {@code r} by one consistent single ' ', '-' or '.'. */
    private static int lastJoinedRun(char[] t, int[] runs, int count, int r) {
        int end = runs[2 * r + 1];
        char sep = 0;
        int j = r;
        while (j + 1 < count && runs[2 * j + 2] == end + 1) {
            char c = t[end];
            if (!(c == ' ' || c == '-' || c == '.') || (sep != 0 && c != sep)) {
                break;
            }
            sep = c;
            j++;
            end = runs[2 * j + 1];
        }
        return j;
    }

    /** Folds the sequence of runs {@code r..last} into the statistics. */
    private void addSequence(char[] t, int[] runs, int count, int r, int last) {
        int first = runs[2 * r];
        int digits = 0;
        for (int k = r; k <= last; k++) {
            int length = runs[2 * k + 1] - runs[2 * k];
            digits += length;
            runLengths |= 1 << Math.min(31, length);
        }
        addSequenceStart(t, runs, count, r);
        if (last > r) {
            maxMultiGroupDigits = Math.max(maxMultiGroupDigits, digits);
        }
        char sep = last > r ? t[runs[2 * r + 1]] : 0;
        if (sep != '.') {
            // Card numbers start with an issuer digit 2-6: epoch millis (1...) and counters do not qualify.
            cardShaped |= digits >= 13 && t[first] >= '2' && t[first] <= '6';
        } else {
            maxDotParts = Math.max(maxDotParts, last - r + 1);
        }
    }

    /** What the characters before a sequence's first run reveal: a phone prefix or an IBAN country code. */
    private void addSequenceStart(char[] t, int[] runs, int count, int r) {
        int first = runs[2 * r];
        int length = runs[2 * r + 1] - first;
        char before = first > 0 ? t[first - 1] : 0;
        if (!phoneShaped && (before == '+' || before == '(')) {
            phoneShaped = phoneShapedAt(runs, count, r);
        }
        if (!ibanShaped && first >= 2 && length >= 2 && Chars.isUpper(before) && Chars.isUpper(t[first - 2])
                && (first == 2 || !Chars.isAlnum(t[first - 3]))) {
            ibanShaped = true; // country code + check digits at a word start
        }
    }

    /** 8+ digits from run {@code k} on, in groups separated by at most 3 characters. */
    private static boolean phoneShapedAt(int[] runs, int count, int k) {
        int digits = runs[2 * k + 1] - runs[2 * k];
        for (int j = k + 1; j < count && runs[2 * j] - runs[2 * j - 1] <= 3 && digits < 8; j++) {
            digits += runs[2 * j + 1] - runs[2 * j];
        }
        return digits >= 8;
    }
}
