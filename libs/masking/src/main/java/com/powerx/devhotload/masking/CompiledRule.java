package com.powerx.devhotload.masking;

import com.powerx.devhotload.masking.rules.Action;

/**
 * A rule as the engine runs it.
 *
 * @param id         rule id
 * @param priority   position in the rule set; lower wins overlaps
 * @param action     replacement action
 * @param keepPrefix cap on kept public-marker characters
 */
record CompiledRule(String id, int priority, Action action, int keepPrefix) {

    private static final java.util.Set<String> PERSONAL_DATA = java.util.Set.of(
            "email", "phone", "payment-card", "iban", "national-id", "ipv4", "ipv6");

    /**
     * Whether a match of this rule may take over higher-priority matches it strictly contains. True for secret
     * rules (masking the container masks more); false for personal-data rules, whose spans should not swallow
     * credentials and their context.
     */
    boolean mayContain() {
        return !PERSONAL_DATA.contains(id);
    }
}
