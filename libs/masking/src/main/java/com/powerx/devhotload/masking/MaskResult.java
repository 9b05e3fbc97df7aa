package com.powerx.devhotload.masking;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Outcome of masking one input.
 *
 * @param text       the masked text
 * @param redactions total number of secrets replaced
 * @param byRule     replacements per rule id, in rule priority order; only rules that fired
 */
public record MaskResult(String text, int redactions, Map<String, Integer> byRule) {

    /** Validating constructor; {@code byRule} is copied, keeping its iteration order. */
    public MaskResult {
        Objects.requireNonNull(text, "text");
        byRule = byRule.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(byRule));
    }

    /** Whether anything was replaced. */
    public boolean changed() {
        return redactions > 0;
    }
}
