package com.powerx.devhotload.masking.detect;

/**
 * The text being scanned with everything detectors share: keyword hits per detector and digit runs (both from the
 * single pass of {@link TriggerIndex}), and lazily computed character statistics used as pre-filters. Not
 * thread-safe; the engine keeps one per thread and resets it for each call.
 */
public final class ScanContext {

    public static final int DIGIT = 1;
    public static final int UPPER = 2;
    public static final int DOT = 4;
    public static final int AT = 8;
    public static final int NON_ASCII = 16;
    public static final int PLUS = 32;
    public static final int NEWLINE = 64;
    public static final int COLON = 128;
    public static final int OPEN_PAREN = 256;
    /** Two consecutive colons. */
    public static final int DOUBLE_COLON = 512;

    private static final int MAX_KEPT_BUFFER = 1 << 20;
    private static final int PADDING = 4;

    private String text;
    private final HitList[] hits;
    /** Slots whose hit list was used by the current text, so a reset touches only those. */
    private final int[] touched;
    private int touchedCount;
    private char[] chars = new char[1024];
    private int flags;
    private int flagsKnown;
    private int digitCount;
    /** Digit runs as alternating start/end offsets, written by the scan. */
    private int[] digitRuns = new int[64];
    private int digitRunCount;
    private boolean sequenceStats;
    private final DigitSequences sequences = new DigitSequences();
    /** Offsets of the '.' characters, computed on first use: three token detectors start from them. */
    private int[] dots = new int[32];
    private int dotCount = -1;

    /** Runs the combined keyword/statistics scan of {@code index} over {@code text}. */
    public ScanContext(String text, TriggerIndex index) {
        this(index.detectorCount());
        reset(text, index);
    }

    /**
     * An empty context for {@code detectorCount} detectors. The engine keeps one per thread and resets it per
     * call, so scanning a line allocates almost nothing.
     */
    public ScanContext(int detectorCount) {
        this.hits = new HitList[detectorCount];
        this.touched = new int[detectorCount];
    }

    /** Forgets the previous text and scans {@code newText}. Not re-entrant. */
    public void reset(String newText, TriggerIndex index) {
        for (int i = 0; i < touchedCount; i++) {
            hits[touched[i]].clear();
        }
        touchedCount = 0;
        digitRunCount = 0;
        flags = 0;
        flagsKnown = 0;
        sequenceStats = false;
        dotCount = -1;
        this.text = newText;
        int n = newText.length();
        if (chars.length < n + PADDING) {
            chars = new char[Math.max(n + PADDING, chars.length * 2)];
        } else if (chars.length > MAX_KEPT_BUFFER && n < MAX_KEPT_BUFFER / 4) {
            chars = new char[Math.max(1024, n + PADDING)]; // do not pin a huge buffer after one huge input
        }
        newText.getChars(0, n, chars, 0);
        for (int i = n; i < n + PADDING; i++) {
            chars[i] = 0; // the scan reads a few characters ahead without bounds checks
        }
        index.scan(chars, n, this);
    }

    void addHit(int detector, int start, int keyword) {
        HitList h = hits[detector];
        if (h == null) {
            h = new HitList();
            hits[detector] = h;
        }
        if (h.size() == 0) {
            touched[touchedCount++] = detector;
        }
        h.add(start, keyword);
    }

    void sortHits() {
        for (int i = 0; i < touchedCount; i++) {
            hits[touched[i]].sort();
        }
    }

    void setDigitCount(int digits) {
        this.digitCount = digits;
    }

    public String text() {
        return text;
    }

    public int length() {
        return text.length();
    }

    public HitList hits(int detector) {
        HitList h = hits[detector];
        return h == null ? HitList.EMPTY : h;
    }

    /** Number of detector slots with at least one keyword hit in this text. */
    public int touchedCount() {
        return touchedCount;
    }

    /** The {@code i}-th slot with keyword hits, in order of first hit. */
    public int touchedSlot(int i) {
        return touched[i];
    }

    public boolean hasHits(int detector) {
        HitList h = hits[detector];
        return h != null && h.size() > 0;
    }

    /**
     * Whether the text contains the character class {@code flag}. Computed on first use, mostly with
     * {@link String#indexOf}, which is vectorised: cheaper than testing every character in the scan loop for
     * statistics most lines never need.
     */
    public boolean has(int flag) {
        if ((flagsKnown & flag) == 0) {
            boolean present = switch (flag) {
                case DIGIT -> digitCount > 0;
                case DOT -> text.indexOf('.') >= 0;
                case AT -> text.indexOf('@') >= 0;
                case PLUS -> text.indexOf('+') >= 0;
                case NEWLINE -> text.indexOf('\n') >= 0;
                case COLON -> text.indexOf(':') >= 0;
                case OPEN_PAREN -> text.indexOf('(') >= 0;
                case DOUBLE_COLON -> text.indexOf("::") >= 0;
                case UPPER -> containsUpper();
                case NON_ASCII -> containsNonAscii();
                default -> throw new IllegalArgumentException("unknown flag " + flag);
            };
            flagsKnown |= flag;
            if (present) {
                flags |= flag;
            }
        }
        return (flags & flag) != 0;
    }

    private boolean containsUpper() {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            if (Chars.isUpper(chars[i])) {
                return true;
            }
        }
        return false;
    }

    private boolean containsNonAscii() {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            if (chars[i] >= 128) {
                return true;
            }
        }
        return false;
    }

    /** Number of '.' characters in the text. */
    public int dotCount() {
        if (dotCount < 0) {
            int c = 0;
            for (int i = text.indexOf('.'); i >= 0; i = text.indexOf('.', i + 1)) {
                if (c == dots.length) {
                    dots = java.util.Arrays.copyOf(dots, c * 2);
                }
                dots[c++] = i;
            }
            dotCount = c;
        }
        return dotCount;
    }

    /** Offset of the {@code i}-th '.' ({@code i < dotCount()}). */
    public int dot(int i) {
        return dots[i];
    }

    /** Whether the text has at least {@code k} colons (IPv6 without "::" has seven). */
    public boolean hasColons(int k) {
        int from = 0;
        for (int found = 0; found < k; found++) {
            int i = text.indexOf(':', from);
            if (i < 0) {
                return false;
            }
            from = i + 1;
        }
        return true;
    }

    public int digitCount() {
        return digitCount;
    }

    /** Number of maximal ASCII digit runs. */
    public int digitRunCount() {
        return digitRunCount;
    }

    public int digitRunStart(int i) {
        return digitRuns[2 * i];
    }

    public int digitRunEnd(int i) {
        return digitRuns[2 * i + 1];
    }

    /** A buffer for the scan to write digit-run edges (start, end, start, end...) into; n + 1 entries. */
    int[] edgeBuffer(int n) {
        if (digitRuns.length < n + 2) {
            digitRuns = new int[Math.max(n + 2, digitRuns.length * 2)];
        } else if (digitRuns.length > MAX_KEPT_BUFFER && n < MAX_KEPT_BUFFER / 4) {
            digitRuns = new int[Math.max(64, n + 2)];
        }
        return digitRuns;
    }

    void setDigitRuns(int[] edges, int runs) {
        digitRuns = edges;
        digitRunCount = runs;
    }

    /** The digit-sequence statistics, computed on first use for this text. */
    private DigitSequences sequences() {
        if (!sequenceStats) {
            sequenceStats = true;
            sequences.compute(chars, digitRuns, digitRunCount);
        }
        return sequences;
    }

    /** Most digits in a sequence of at least two groups (a lone run is an id, not a phone number). */
    public int maxMultiGroupDigits() {
        return sequences().maxMultiGroupDigits;
    }

    /** A 13+ digit run or space/dash sequence starting with an issuer digit (2-6). */
    public boolean cardShaped() {
        return sequences().cardShaped;
    }

    /** Two upper-case letters at a word start followed by 2+ digits, as in DE89... */
    public boolean ibanShaped() {
        return sequences().ibanShaped;
    }

    /** Whether some digit run has exactly {@code length} digits (lengths above 30 share one bit). */
    public boolean hasRunOfLength(int length) {
        return (sequences().runLengths & (1 << Math.min(31, length))) != 0;
    }

    /** A '+' or '(' followed by at least 8 digits in short groups: the shape of international/US numbers. */
    public boolean phoneShaped() {
        return sequences().phoneShaped;
    }

    /** Most parts in a dot-separated digit sequence (IPv4 needs exactly 4). */
    public int maxDotParts() {
        return sequences().maxDotParts;
    }

}
