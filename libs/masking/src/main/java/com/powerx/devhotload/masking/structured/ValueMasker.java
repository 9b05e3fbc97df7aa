package com.powerx.devhotload.masking.structured;

import com.powerx.devhotload.masking.detect.KeyStrength;
import java.util.Map;

/** What the structured maskers need from the engine: free-text masking of one value and whole-value redaction. */
public interface ValueMasker {

    /**
     * Result of masking one scalar.
     *
     * @param text       masked text
     * @param byRule     replacements per rule id
     * @param wholeValue whether exactly one match covered the entire value
     */
    record Masked(String text, Map<String, Integer> byRule, boolean wholeValue) {
    }

    /** Free-text masking of one scalar value. */
    Masked mask(String value);

    /** The replacement of {@code value} as a whole under rule {@code ruleId}; null when that rule is disabled. */
    String redactWhole(String ruleId, String value);

    /** Secret-ness of a key name, with the rule file's extra key words. */
    KeyStrength classifyKey(String key);

    /** Whether a rule is enabled. */
    boolean isEnabled(String ruleId);
}
