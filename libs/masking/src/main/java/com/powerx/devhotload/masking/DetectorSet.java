package com.powerx.devhotload.masking;

import com.powerx.devhotload.masking.detect.Detector;
import com.powerx.devhotload.masking.detect.MatchSink;
import com.powerx.devhotload.masking.detect.ScanContext;
import com.powerx.devhotload.masking.detect.TriggerIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * The detectors of one engine and the single keyword index over all of them. Detection runs the keyword scan once,
 * then only the detectors whose pre-conditions hold; text that carries an encoding is scanned a second time in
 * decoded form ({@link DecodedText}) and those matches are mapped back. Thread-safe: scan state is per thread.
 */
final class DetectorSet {

    private final Detector[] detectors;
    private final int[] detectorRule;
    private final boolean[] keywordGated;
    /** Slots of the detectors with their own pre-filter, run whether or not a keyword occurs. */
    private final int[] ungated;
    private final boolean[] mayContain;
    private final int markerSlot;
    private final int obfuscationSlot;
    private final TriggerIndex index;
    /** Per-thread scan state, reset per call (detection is never re-entered on one thread). */
    private final ThreadLocal<ScanContext> scratch;
    private final ThreadLocal<ScanContext> decodedScratch;

    /**
     * @param detectors    the detectors, in any order
     * @param detectorRule rule index (priority) of each detector
     * @param mayContain   per rule index: whether its matches may take over contained matches
     */
    DetectorSet(List<Detector> detectors, int[] detectorRule, boolean[] mayContain) {
        this.detectors = detectors.toArray(new Detector[0]);
        this.detectorRule = detectorRule.clone();
        this.mayContain = mayContain.clone();
        this.keywordGated = new boolean[this.detectors.length];
        List<List<String>> keywords = new ArrayList<>();
        List<Integer> own = new ArrayList<>();
        for (int i = 0; i < this.detectors.length; i++) {
            keywordGated[i] = this.detectors[i].keywordGated();
            keywords.add(this.detectors[i].keywords());
            if (!keywordGated[i]) {
                own.add(i);
            }
        }
        this.ungated = own.stream().mapToInt(Integer::intValue).toArray();
        this.markerSlot = keywords.size();
        keywords.add(MaskMarkers.KEYWORDS);
        this.obfuscationSlot = keywords.size();
        keywords.add(DecodedText.KEYWORDS);
        this.index = new TriggerIndex(keywords);
        int slots = keywords.size();
        this.scratch = ThreadLocal.withInitial(() -> new ScanContext(slots));
        this.decodedScratch = ThreadLocal.withInitial(() -> new ScanContext(slots));
    }

    /** Runs all applicable detectors and resolves overlaps; markers of earlier masking count as non-secret. */
    MatchCollector detect(String text) {
        ScanContext ctx = scratch.get();
        ctx.reset(text, index);
        MatchCollector matches = new MatchCollector(text.length());
        run(ctx, matches, matches);
        DecodedText decoded = DecodedText.of(text, ctx.hasHits(obfuscationSlot));
        if (decoded != null) {
            ScanContext dctx = decodedScratch.get();
            dctx.reset(decoded.text(), index);
            int raw = matches.added();
            // The raw text wins: "password=ab%40cd" must not become "user:...@cd" once %40 reads as '@'.
            MatchSink gapsOnly = (s, e, keep) -> {
                if (!matches.cutsInto(s, e, raw)) {
                    matches.add(s, e, keep);
                }
            };
            run(dctx, matches, decoded.mappingTo(gapsOnly));
        }
        if (matches.isEmpty()) {
            return matches;
        }
        matches.resolve(text, MaskMarkers.spans(text, ctx.hits(markerSlot)), mayContain);
        return matches;
    }

    /**
     * Runs the keyword-gated detectors whose keywords occur (most lines: a handful of the ~90) and the detectors with
     * their own pre-filter. The order does not matter: overlaps are resolved by rule priority afterwards.
     */
    private void run(ScanContext ctx, MatchCollector matches, MatchSink sink) {
        for (int i = 0; i < ctx.touchedCount(); i++) {
            int slot = ctx.touchedSlot(i);
            if (slot < detectors.length && keywordGated[slot]) {
                scan(slot, ctx, true, matches, sink);
            }
        }
        for (int slot : ungated) {
            scan(slot, ctx, ctx.hasHits(slot), matches, sink);
        }
    }

    private void scan(int slot, ScanContext ctx, boolean hit, MatchCollector matches, MatchSink sink) {
        Detector d = detectors[slot];
        if (d.mayMatch(ctx, hit)) {
            matches.begin(detectorRule[slot]);
            d.scan(ctx, ctx.hits(slot), sink);
        }
    }
}
