package com.powerx.devhotload.masking;

import com.powerx.devhotload.masking.rules.RuleFileParser;
import com.powerx.devhotload.masking.rules.RuleSet;
import java.io.IOException;
import java.io.InputStream;

/** The bundled rule set ({@value MaskingEngine#DEFAULT_RULES_RESOURCE}), parsed when first used. */
final class BundledRuleSet {

    static final RuleSet SET = load();

    private BundledRuleSet() {
    }

    private static RuleSet load() {
        String resource = MaskingEngine.DEFAULT_RULES_RESOURCE;
        // Class-relative lookup works under any class loader layout (plain classpath, Quarkus, shaded jars).
        try (InputStream in = MaskingEngine.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("bundled rule set " + resource + " is missing");
            }
            return new RuleFileParser(BuiltInRules.ids(), null).parse(in, "classpath:" + resource);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundled rule set", e);
        }
    }
}
