package com.powerx.devhotload.masking;

import com.powerx.devhotload.masking.detect.MatchSink;
import java.util.List;

/**
 * A decoded view of text whose secrets hide behind an encoding: percent-encoding ({@code alice%40example.com},
 * {@code password%3Dx}, {@code %2B14155552671}), JSON string escapes beyond the single {@code \"} the detectors read
 * natively ({@code https:\/\/hooks.slack.com\/…}, {@code bob} + backslash-{@code u0040} + {@code example.org},
 * doubly escaped JSON), HTML character references ({@code carol&#64;example.net}, {@code &quot;token&quot;}) and
 * hand-obfuscated addresses ({@code dave [at] example [dot] com}).
 * The detectors run over the view and every match is mapped back to the original characters, so the encoded secret
 * is replaced in place.
 */
final class DecodedText {

    private final String text;
    /** Original offset of each decoded character, plus the original length at the end. */
    private final int[] origin;

    private DecodedText(String text, int[] origin) {
        this.text = text;
        this.origin = origin;
    }

    /** Keywords of the obfuscations, found by the engine's keyword pass rather than by a scan of their own. */
    static final List<String> KEYWORDS = List.of("[at]", "(at)");

    /**
     * The decoded view of {@code t}, or null when {@code t} contains no encoding worth decoding (most lines);
     * {@code obfuscated} says whether the keyword pass found one of {@link #KEYWORDS}.
     */
    static DecodedText of(String t, boolean obfuscated) {
        boolean percent = Escapes.hasPercentEscape(t);
        boolean backslash = t.indexOf('\\') >= 0 && hasJsonEscape(t);
        boolean entity = Escapes.hasEntity(t);
        if (!percent && !backslash && !entity && !obfuscated) {
            return null;
        }
        StringBuilder out = new StringBuilder(t.length());
        int[] origin = new int[t.length() + 1];
        int i = 0;
        boolean changed = false;
        while (i < t.length()) {
            int[] decoded = Escapes.decodeAt(t, i, percent, backslash, entity, obfuscated);
            origin[out.length()] = i;
            if (decoded == null) {
                out.append(t.charAt(i++));
            } else {
                out.append((char) decoded[0]);
                i += decoded[1];
                changed = true;
            }
        }
        if (!changed) {
            return null;
        }
        origin[out.length()] = t.length();
        return new DecodedText(out.toString(), origin);
    }

    /** JSON escapes the detectors do not read natively: escaped slash, escaped backslash, backslash-u. */
    private static boolean hasJsonEscape(String t) {
        return t.contains("\\/") || t.contains("\\\\") || t.contains("\\u");
    }

    String text() {
        return text;
    }

    /** A sink that maps decoded spans back to the original text and forwards them to {@code target}. */
    MatchSink mappingTo(MatchSink target) {
        return (start, end, keep) -> target.add(origin[start], origin[end],
                origin[Math.min(end, start + keep)] - origin[start]);
    }
}
