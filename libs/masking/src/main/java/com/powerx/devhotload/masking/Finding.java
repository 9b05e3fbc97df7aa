package com.powerx.devhotload.masking;

/**
 * A secret the verifier still sees in supposedly masked text. Carries only the rule id and the position, never
 * the secret itself, so findings can be logged safely.
 *
 * @param ruleId rule that matched
 * @param start  start index in the verified text
 * @param end    end index (exclusive)
 */
public record Finding(String ruleId, int start, int end) {
}
