package com.powerx.devhotload.masking.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed rule file: version, optional HMAC key and the rules in priority order (earlier rules win when two
 * matches overlap).
 *
 * @param rulesVersion the file's {@code rulesVersion}
 * @param hmacKey      the file's {@code hmacKey}, if any
 * @param rules        rules in priority order
 */
public record RuleSet(String rulesVersion, Optional<String> hmacKey, List<RuleConfig> rules) {

    /** Validating constructor. */
    public RuleSet {
        Objects.requireNonNull(rulesVersion, "rulesVersion");
        Objects.requireNonNull(hmacKey, "hmacKey");
        rules = List.copyOf(rules);
    }

    /** The rule with this id, if present. */
    public Optional<RuleConfig> rule(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /**
     * Fills in built-in rules this file does not mention, with their {@code defaults}, after the file's own
     * rules. Omitting a built-in rule therefore never silently turns it off; {@code enabled: false} does.
     */
    public RuleSet withDefaultsFrom(RuleSet defaults) {
        Map<String, RuleConfig> byId = new LinkedHashMap<>();
        for (RuleConfig r : rules) {
            byId.put(r.id(), r);
        }
        List<RuleConfig> merged = new ArrayList<>(rules);
        for (RuleConfig d : defaults.rules()) {
            if (!byId.containsKey(d.id())) {
                merged.add(d);
            }
        }
        return new RuleSet(rulesVersion, hmacKey, merged);
    }

    /** A copy with one rule replaced (tests and programmatic tuning). */
    public RuleSet with(RuleConfig replacement) {
        List<RuleConfig> out = new ArrayList<>();
        boolean found = false;
        for (RuleConfig r : rules) {
            if (r.id().equals(replacement.id())) {
                out.add(replacement);
                found = true;
            } else {
                out.add(r);
            }
        }
        if (!found) {
            out.add(replacement);
        }
        return new RuleSet(rulesVersion, hmacKey, out);
    }
}
