package com.powerx.devhotload.masking.structured;

import java.util.Comparator;
import java.util.List;

/**
 * A raw-text substitution {@code [start,end) -> text} in a structured document.
 *
 * @param start first replaced character
 * @param end   end of the replaced range (exclusive)
 * @param text  new raw text
 */
record Replacement(int start, int end, String text) {

    /** Applies non-overlapping replacements to {@code source}. */
    static String apply(String source, List<Replacement> replacements) {
        replacements.sort(Comparator.comparingInt(Replacement::start));
        StringBuilder out = new StringBuilder(source.length() + 32 * replacements.size());
        int pos = 0;
        for (Replacement r : replacements) {
            if (r.start() < pos) {
                continue; // defensive: never emit overlapping edits
            }
            out.append(source, pos, r.start()).append(r.text());
            pos = r.end();
        }
        out.append(source, pos, source.length());
        return out.toString();
    }
}
