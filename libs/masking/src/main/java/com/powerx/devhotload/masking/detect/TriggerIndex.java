package com.powerx.devhotload.masking.detect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Case-insensitive multi-keyword finder over the keywords of every detector of an engine.
 *
 * <p>Every keyword is indexed by one four-character window: longer keywords by their rarest window (so "openssl"
 * is found via "nssl", not the common "open"); three-character keywords by themselves plus each possible next
 * character — any character after a word such as "key" that is not a letter or digit (so "keyboard" is no hit),
 * any character at all after prefixes with punctuation or digits such as "sk-", "://" or "oy2". One pass over the
 * text tests each position's 4-gram against a small bitmap (16 KiB, L1-resident); only on a bitmap hit are the few
 * candidate keywords compared. Iterations are independent and branch-free apart from the rare bitmap hits, so the
 * loop is fast, and it is linear whatever the input. The same pass records the digit
 * runs the number detectors start from; other character statistics are computed lazily by {@link ScanContext}.
 */
public final class TriggerIndex {

    /** 2^17 bits = 16 KiB: the ~2,600 keyword grams set 2 % of it, so few positions probe the table in vain. */
    private static final int BITMAP_BITS = 17;
    private static final int GOLDEN = 0x9E3779B1;
    /** ASCII lower-casing; 0 for non-ASCII so such characters never extend a keyword match. */
    private static final byte[] LOWER = new byte[128];
    /** Rough frequency (percent) of characters in log text, for choosing each keyword's rarest window. */
    private static final double[] FREQUENCY = new double[128];

    static {
        for (int c = 1; c < 128; c++) {
            LOWER[c] = (byte) Chars.lower((char) c);
            FREQUENCY[c] = 0.5;
        }
        String letters = "etaoinshrdlcumwfgypbvkjxqz";
        double[] f = {12.7, 9.1, 8.2, 7.5, 7.0, 6.7, 6.3, 6.1, 6.0, 4.3, 4.0, 2.8, 2.8, 2.4, 2.4, 2.2, 2.0, 2.0, 1.9,
            1.5, 1.0, 0.8, 0.15, 0.15, 0.1, 0.07};
        for (int i = 0; i < letters.length(); i++) {
            FREQUENCY[letters.charAt(i)] = f[i];
        }
        for (char c = '0'; c <= '9'; c++) {
            FREQUENCY[c] = 3.0;
        }
        FREQUENCY[' '] = 15;
        FREQUENCY['.'] = 3;
        FREQUENCY[':'] = 2.5;
        FREQUENCY['='] = 2;
        FREQUENCY['/'] = 2;
        FREQUENCY['-'] = 1.5;
        FREQUENCY['_'] = 1;
    }

    private final Table grams4 = new Table();
    private final String[] keywords;
    private final int[] keywordDetector;
    private final int[] keywordLocal;
    private final int detectorCount;

    /** Open-addressing map from a q-gram to candidate (keyword, offset) pairs, behind a bitmap filter. */
    private static final class Table {
        final long[] bitmap = new long[(1 << BITMAP_BITS) / 64];
        int[] keys = new int[0];
        int[][] candidates = new int[0][];
        int mask;

        void build(Map<Integer, List<int[]>> entries) {
            int size = Integer.highestOneBit(Math.max(16, entries.size() * 4) - 1) << 1;
            keys = new int[size];
            candidates = new int[size][];
            mask = size - 1;
            entries.forEach((gram, list) -> {
                int h = hash(gram);
                bitmap[h >>> 6] |= 1L << h;
                int slot = h & mask;
                while (keys[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = gram + 1;
                int[] flat = new int[list.size() * 2];
                for (int i = 0; i < list.size(); i++) {
                    flat[2 * i] = list.get(i)[0];
                    flat[2 * i + 1] = list.get(i)[1];
                }
                candidates[slot] = flat;
            });
        }

        int[] lookup(int gram, int h) {
            int slot = h & mask;
            int key;
            while ((key = keys[slot]) != 0) {
                if (key == gram + 1) {
                    return candidates[slot];
                }
                slot = (slot + 1) & mask;
            }
            return null;
        }
    }

    /** Builds the index; {@code keywordsPerDetector.get(d)} are the keywords of detector slot {@code d}. */
    public TriggerIndex(List<List<String>> keywordsPerDetector) {
        this.detectorCount = keywordsPerDetector.size();
        List<String> all = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        List<Integer> local = new ArrayList<>();
        for (int d = 0; d < keywordsPerDetector.size(); d++) {
            List<String> kws = keywordsPerDetector.get(d);
            for (int k = 0; k < kws.size(); k++) {
                all.add(checkedKeyword(kws.get(k)));
                owner.add(d);
                local.add(k);
            }
        }
        this.keywords = all.toArray(new String[0]);
        this.keywordDetector = owner.stream().mapToInt(Integer::intValue).toArray();
        this.keywordLocal = local.stream().mapToInt(Integer::intValue).toArray();
        Map<Integer, List<int[]>> g4 = new HashMap<>();
        for (int id = 0; id < keywords.length; id++) {
            String kw = keywords[id];
            if (kw.length() == 3) {
                for (int gram : threeCharacterGrams(kw)) {
                    g4.computeIfAbsent(gram, x -> new ArrayList<>()).add(new int[] {id, 0});
                }
            } else {
                int best = rarestWindow(kw);
                int gram = gram4(fold(kw.charAt(best)), fold(kw.charAt(best + 1)), fold(kw.charAt(best + 2)),
                        fold(kw.charAt(best + 3)));
                g4.computeIfAbsent(gram, x -> new ArrayList<>()).add(new int[] {id, best});
            }
        }
        grams4.build(g4);
    }

    /**
     * The keyword lower-cased. Only printable ASCII can ever match (the scan folds ASCII only), and three characters
     * are the least a 4-gram can index: the keyword plus the one character after it.
     */
    private static String checkedKeyword(String keyword) {
        String kw = keyword.toLowerCase(Locale.ROOT);
        for (int i = 0; i < kw.length(); i++) {
            if (kw.charAt(i) >= 128 || kw.charAt(i) == 0) {
                throw new IllegalArgumentException("keywords must be printable ASCII: " + kw);
            }
        }
        if (kw.length() < 3) {
            throw new IllegalArgumentException("keywords need at least 3 characters: " + kw);
        }
        return kw;
    }

    /**
     * The 4-grams that index a three-character keyword: itself plus each folded next character. Only all-letter
     * keywords are words, whose next character must not continue the word ("key" is no hit in "keyboard"); "oy2"
     * or "%40" are token prefixes followed by anything.
     */
    private static java.util.Set<Integer> threeCharacterGrams(String kw) {
        boolean word = Chars.isLetter(kw.charAt(0)) && Chars.isLetter(kw.charAt(1)) && Chars.isLetter(kw.charAt(2));
        java.util.Set<Integer> grams = new java.util.TreeSet<>();
        for (int c = 0; c < 128; c++) {
            if (!word || !Chars.isAlnum((char) c)) {
                grams.add(gram4(fold(kw.charAt(0)), fold(kw.charAt(1)), fold(kw.charAt(2)), fold(c)));
            }
        }
        return grams;
    }

    private static int rarestWindow(String kw) {
        int best = 0;
        double bestScore = Double.MAX_VALUE;
        for (int o = 0; o + 4 <= kw.length(); o++) {
            double score = 0;
            for (int k = 0; k < 4; k++) {
                score += Math.log(FREQUENCY[kw.charAt(o + k)]);
            }
            if (score < bestScore) {
                bestScore = score;
                best = o;
            }
        }
        return best;
    }

    /**
     * Case folding for the filter: {@code (c | 0x20) & 0x7F} lower-cases ASCII letters without a table lookup. It
     * also merges a few punctuation pairs and maps non-ASCII into ASCII, which only adds filter false positives:
     * every candidate is then compared exactly.
     */
    private static int fold(int c) {
        return (c | 0x20) & 0x7F;
    }

    private static int gram4(int c0, int c1, int c2, int c3) {
        return (c0 << 21) | (c1 << 14) | (c2 << 7) | c3;
    }

    private static int hash(int gram) {
        return (gram * GOLDEN) >>> (32 - BITMAP_BITS);
    }

    int detectorCount() {
        return detectorCount;
    }

    /**
     * Scans {@code chars[0,n)}, adding keyword hits, digit runs and character statistics to {@code ctx}. This
     * is the hot loop of the engine.
     */
    void scan(char[] chars, int n, ScanContext ctx) {
        // chars has at least 4 zero characters after n (see ScanContext), so the window needs no bounds checks.
        final long[] bitmap4 = grams4.bitmap;
        final int[] edges = ctx.edgeBuffer(n);
        int edgeCount = 0;
        int digits = 0;
        int inRun = 0;
        // Rolling 4-gram of folded characters at i..i+3 (7 bits each); the first three are preloaded.
        int window = (fold(chars[0]) << 14) | (fold(chars[1]) << 7) | fold(chars[2]);
        for (int i = 0; i < n; i++) {
            int c = chars[i];
            // Branch-free digit test: both differences are non-negative only for '0'..'9'.
            int digit = (((c - '0') | ('9' - c)) >>> 31) ^ 1;
            digits += digit;
            // Digit-run edges without a branch: write always, advance only on a change.
            edges[edgeCount] = i;
            edgeCount += digit ^ inRun;
            inRun = digit;
            window = ((window << 7) | ((chars[i + 3] | 0x20) & 0x7F)) & 0x0FFFFFFF;
            int h4 = (window * GOLDEN) >>> (32 - BITMAP_BITS);
            if ((bitmap4[h4 >>> 6] & (1L << h4)) != 0) {
                candidates(grams4.lookup(window, h4), chars, n, i, ctx);
            }
        }
        if (inRun != 0) {
            edges[edgeCount++] = n;
        }
        ctx.setDigitRuns(edges, edgeCount / 2);
        ctx.setDigitCount(digits);
        ctx.sortHits();
    }

    private void candidates(int[] cand, char[] chars, int n, int i, ScanContext ctx) {
        if (cand == null) {
            return; // bitmap collision
        }
        for (int k = 0; k < cand.length; k += 2) {
            int id = cand[k];
            int start = i - cand[k + 1];
            if (start >= 0 && matchesAt(chars, n, start, keywords[id])) {
                ctx.addHit(keywordDetector[id], start, keywordLocal[id]);
            }
        }
    }

    private static boolean matchesAt(char[] chars, int n, int at, String kw) {
        int len = kw.length();
        if (at + len > n) {
            return false;
        }
        for (int k = 0; k < len; k++) {
            char c = chars[at + k];
            if (c >= 128 || LOWER[c] != kw.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
