package com.powerx.devhotload.masking;

import com.powerx.devhotload.masking.detect.KeyClassifier;
import com.powerx.devhotload.masking.detect.KeyStrength;
import com.powerx.devhotload.masking.structured.ValueMasker;
import java.util.Map;

/**
 * The engine as the structured maskers see it: free-text masking of one value, whole-value redaction under a rule
 * and key classification. A narrow interface keeps the JSON/YAML code independent of the engine's internals.
 */
final class EngineValueMasker implements ValueMasker {

    private final DetectorSet detectors;
    private final MatchRenderer renderer;
    private final Map<String, CompiledRule> rulesById;
    private final Redactor redactor;
    private final KeyClassifier keyClassifier;

    EngineValueMasker(DetectorSet detectors, MatchRenderer renderer, Map<String, CompiledRule> rulesById,
                      Redactor redactor, KeyClassifier keyClassifier) {
        this.detectors = detectors;
        this.renderer = renderer;
        this.rulesById = rulesById;
        this.redactor = redactor;
        this.keyClassifier = keyClassifier;
    }

    @Override
    public Masked mask(String value) {
        if (value.isEmpty()) {
            return new Masked(value, Map.of(), false);
        }
        MatchCollector m = detectors.detect(value);
        if (m.count() == 0) {
            return new Masked(value, Map.of(), false);
        }
        int[] perRule = new int[renderer.ruleCount()];
        String out = renderer.render(value, m, perRule);
        boolean whole = m.count() == 1 && m.start(0) == 0 && m.end(0) == value.length();
        return new Masked(out, renderer.countsByRule(perRule), whole);
    }

    @Override
    public String redactWhole(String ruleId, String value) {
        CompiledRule rule = rulesById.get(ruleId);
        return rule == null ? null : redactor.replacement(value, 0, rule);
    }

    @Override
    public KeyStrength classifyKey(String key) {
        return keyClassifier.classify(key);
    }

    @Override
    public boolean isEnabled(String ruleId) {
        return rulesById.containsKey(ruleId);
    }
}
