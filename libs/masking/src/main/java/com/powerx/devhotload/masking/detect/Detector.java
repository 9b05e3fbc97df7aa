package com.powerx.devhotload.masking.detect;

import java.util.List;

/**
 * One detection rule. Implementations are stateless and thread-safe; per-call state lives in locals.
 *
 * <p>The engine runs one combined keyword scan per input and only calls {@link #scan} when
 * {@link #mayMatch} says the input can contain a match, which is what keeps ordinary lines cheap.
 */
public interface Detector {

    /** Stable rule id, as used in the rule file and in {@code MaskResult.byRule()}. */
    String ruleId();

    /** Lower-case ASCII literals whose presence (case-insensitive) is necessary for a keyword-driven match. */
    List<String> keywords();

    /** Cheap pre-filter; {@code keywordHit} says whether any of {@link #keywords()} occurs in the text. */
    default boolean mayMatch(ScanContext ctx, boolean keywordHit) {
        return keywordHit;
    }

    /**
     * True when {@link #mayMatch} is exactly "a keyword occurs": the engine then skips the call on lines without
     * hits. Detectors with their own statistics-based pre-filter return false.
     */
    default boolean keywordGated() {
        return true;
    }

    /** Reports every secret span found; {@code hits} lists the positions of this detector's keywords. */
    void scan(ScanContext ctx, HitList hits, MatchSink sink);
}
