package com.powerx.devhotload.masking;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns resolved matches into masked text and counts replacements per rule. Thread-safe. */
final class MatchRenderer {

    private final List<CompiledRule> rules;
    private final Redactor redactor;

    /** @param rules enabled rules in priority order, as indexed by {@link MatchCollector#rule} */
    MatchRenderer(List<CompiledRule> rules, Redactor redactor) {
        this.rules = rules;
        this.redactor = redactor;
    }

    /** Size of the per-rule counter array {@link #render} fills. */
    int ruleCount() {
        return rules.size();
    }

    /** {@code text} with every accepted match replaced; adds one per replacement to {@code perRule[priority]}. */
    String render(String text, MatchCollector m, int[] perRule) {
        StringBuilder out = new StringBuilder(text.length() + 16 * m.count());
        int pos = 0;
        for (int k = 0; k < m.count(); k++) {
            int s = m.start(k);
            out.append(text, pos, s);
            CompiledRule rule = rules.get(m.rule(k));
            redactor.render(out, text, s, m.end(k), m.keep(k), rule);
            perRule[rule.priority()]++;
            pos = m.end(k);
        }
        out.append(text, pos, text.length());
        return out.toString();
    }

    /** Non-zero counters by rule id, in priority order. */
    Map<String, Integer> countsByRule(int[] perRule) {
        Map<String, Integer> byRule = new LinkedHashMap<>();
        for (int i = 0; i < perRule.length; i++) {
            if (perRule[i] > 0) {
                byRule.put(rules.get(i).id(), perRule[i]);
            }
        }
        return byRule;
    }
}
