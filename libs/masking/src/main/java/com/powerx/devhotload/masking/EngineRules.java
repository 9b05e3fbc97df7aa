package com.powerx.devhotload.masking;

import com.powerx.devhotload.masking.detect.Detector;
import com.powerx.devhotload.masking.detect.GenericSecretKvDetector;
import com.powerx.devhotload.masking.detect.RegexDetector;
import com.powerx.devhotload.masking.rules.RuleConfig;
import com.powerx.devhotload.masking.rules.RuleSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The enabled rules of a rule set compiled for an engine: the rules in priority order, the detectors that report
 * under them (a built-in detector and/or a regex detector per rule) and the rule file's extra secret key words.
 * Disabled rules are left out entirely: they get neither a priority nor a detector.
 *
 * @param rules     enabled rules; a rule's index in this list is its priority
 * @param byId      the same rules by id
 * @param detectors every detector of the enabled rules, with the keyword index over all of them
 * @param extraKeys the {@code keys} of {@code generic-secret-kv}: more words that make a key secret
 */
record EngineRules(List<CompiledRule> rules, Map<String, CompiledRule> byId, DetectorSet detectors,
                   Set<String> extraKeys) {

    static EngineRules compile(RuleSet ruleSet) {
        List<CompiledRule> compiled = new ArrayList<>();
        List<Detector> detectors = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        Set<String> extraKeys = Set.of();
        for (RuleConfig rc : ruleSet.rules()) {
            if (!rc.enabled()) {
                continue;
            }
            int ruleIndex = compiled.size();
            compiled.add(new CompiledRule(rc.id(), ruleIndex, rc.action(), rc.keepPrefix()));
            Detector builtIn = BuiltInRules.create(rc);
            if (builtIn != null) {
                detectors.add(builtIn);
                owner.add(ruleIndex);
            }
            if (!rc.patterns().isEmpty()) {
                detectors.add(new RegexDetector(rc.id(), rc.patterns(), rc.keywords()));
                owner.add(ruleIndex);
            }
            if (rc.id().equals(GenericSecretKvDetector.ID)) {
                extraKeys = Set.copyOf(rc.keys());
            }
        }
        Map<String, CompiledRule> byId = new HashMap<>();
        compiled.forEach(r -> byId.put(r.id(), r));
        DetectorSet set = new DetectorSet(detectors, owner.stream().mapToInt(Integer::intValue).toArray(),
                mayContain(compiled));
        return new EngineRules(List.copyOf(compiled), Map.copyOf(byId), set, extraKeys);
    }

    private static boolean[] mayContain(List<CompiledRule> rules) {
        boolean[] mayContain = new boolean[rules.size()];
        for (int i = 0; i < rules.size(); i++) {
            mayContain[i] = rules.get(i).mayContain();
        }
        return mayContain;
    }
}
