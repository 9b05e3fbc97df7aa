package com.powerx.devhotload.masking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;

/**
 * Second, independent scan of masked output, for failing closed: if {@link #isClean} is false, do not publish.
 *
 * <p>It runs every enabled detector in detect-only mode, treating masking markers ({@code ****},
 * {@code [HASH:..]}, {@code [REDACTED:..]}) as non-secret, plus a set of simple tripwire regexes that share no
 * code with the detectors. It never compares against the original text, so it also works on text masked
 * elsewhere. Findings carry positions and rule ids only.
 */
public final class MaskingVerifier {

    private final MaskingEngine engine;
    private final List<Tripwires.Tripwire> tripwires;

    MaskingVerifier(MaskingEngine engine, List<Tripwires.Tripwire> tripwires) {
        this.engine = engine;
        this.tripwires = tripwires;
    }

    /** Secrets still visible in {@code maskedText}; empty means clean. */
    public List<Finding> findings(String maskedText) {
        Objects.requireNonNull(maskedText, "maskedText");
        List<Finding> out = new ArrayList<>();
        if (maskedText.isEmpty()) {
            return out;
        }
        MatchCollector m = engine.detect(maskedText);
        for (int k = 0; k < m.count(); k++) {
            out.add(new Finding(engine.ruleId(m.rule(k)), m.start(k), m.end(k)));
        }
        for (Tripwires.Tripwire tw : tripwires) {
            for (int[] window : tw.windows(maskedText)) {
                // Transparent bounds: the patterns' look-behinds see the text in front of the window.
                Matcher matcher = tw.pattern().matcher(maskedText).region(window[0], window[1])
                        .useTransparentBounds(true).useAnchoringBounds(false);
                while (matcher.find()) {
                    int s = matcher.start();
                    int e = matcher.end();
                    if (out.stream().noneMatch(f -> f.start() < e && s < f.end())) {
                        out.add(new Finding(tw.ruleId(), s, e));
                    }
                }
            }
        }
        out.sort(Comparator.comparingInt(Finding::start).thenComparing(Finding::ruleId));
        return out;
    }

    /** True when {@link #findings} is empty. */
    public boolean isClean(String maskedText) {
        return findings(maskedText).isEmpty();
    }

    /** Throws {@link IllegalStateException} naming rule ids and positions (never the secret) unless clean. */
    public void requireClean(String maskedText) {
        List<Finding> f = findings(maskedText);
        if (!f.isEmpty()) {
            throw new IllegalStateException("masked text still contains " + f.size() + " secret(s): " + f);
        }
    }
}
