package com.powerx.devhotload.masking.structured;

import java.util.LinkedHashMap;
import java.util.Map;

/** Counts replacements per rule across the values of one document. */
final class RedactionTally {

    private final Map<String, Integer> byRule = new LinkedHashMap<>();
    private int total;

    void add(String ruleId, int count) {
        if (count > 0) {
            byRule.merge(ruleId, count, Integer::sum);
            total += count;
        }
    }

    void addAll(Map<String, Integer> counts) {
        counts.forEach(this::add);
    }

    int total() {
        return total;
    }

    Map<String, Integer> byRule() {
        return byRule;
    }
}
