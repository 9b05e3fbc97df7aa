package com.powerx.devhotload.masking;

import com.powerx.devhotload.masking.detect.KeyClassifier;
import com.powerx.devhotload.masking.rules.RuleFileException;
import com.powerx.devhotload.masking.rules.RuleFileParser;
import com.powerx.devhotload.masking.rules.RuleSet;
import com.powerx.devhotload.masking.structured.JsonMasker;
import com.powerx.devhotload.masking.structured.ValueMasker;
import com.powerx.devhotload.masking.structured.YamlMasker;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Removes secrets and personal data from log lines, stack traces, reports and JSON/YAML documents.
 *
 * <p>Immutable and thread-safe: build one per rule set and share it. Each call runs a single keyword scan over the
 * input (one 4-gram pass over every detector's keywords, {@link DetectorSet}) and then only the detectors whose
 * pre-conditions hold, so ordinary lines cost little more than one pass.
 */
public final class MaskingEngine {

    /** Classpath resource holding the bundled rule set. */
    public static final String DEFAULT_RULES_RESOURCE = "px-masking-rules.yaml";
    /** Environment variable that provides the HMAC key of the {@code hash} action. */
    public static final String HMAC_KEY_ENV = "PX_MASKING_HMAC_KEY";

    // Without any configured key, hashes correlate within this JVM but cannot be reversed by dictionary.
    private static final byte[] PROCESS_KEY = randomKey();

    private final String rulesVersion;
    private final List<CompiledRule> rules;
    private final DetectorSet detectors;
    private final MatchRenderer renderer;
    private final MaskingVerifier verifier;
    private final ValueMasker valueMasker;

    private MaskingEngine(RuleSet ruleSet, byte[] hmacKey) {
        this.rulesVersion = ruleSet.rulesVersion();
        EngineRules compiled = EngineRules.compile(ruleSet);
        this.rules = compiled.rules();
        this.detectors = compiled.detectors();
        Redactor redactor = new Redactor(hmacKey);
        this.renderer = new MatchRenderer(rules, redactor);
        this.valueMasker = new EngineValueMasker(detectors, renderer, compiled.byId(), redactor,
                new KeyClassifier(compiled.extraKeys()));
        this.verifier = new MaskingVerifier(this, Tripwires.forRules(compiled.byId().keySet()));
    }

    /** Engine with the bundled rule set ({@value #DEFAULT_RULES_RESOURCE}). */
    public static MaskingEngine withDefaultRules() {
        return builder().build();
    }

    /**
     * Engine with an ops-supplied rule file. Built-in rules the file does not mention keep their bundled
     * defaults.
     *
     * @throws RuleFileException if the file cannot be read or is invalid; the message names the rule
     */
    public static MaskingEngine fromRuleFile(Path yaml) {
        return builder().ruleFile(yaml).build();
    }

    /** Builder for explicit rule sets and HMAC keys. */
    public static Builder builder() {
        return new Builder();
    }

    /** The bundled rule set. */
    public static RuleSet defaultRuleSet() {
        return BundledRuleSet.SET;
    }

    /** Parses a rule file against the built-in detectors and bundled defaults, without building an engine. */
    public static RuleSet parseRuleFile(Path yaml) {
        return new RuleFileParser(BuiltInRules.ids(), BundledRuleSet.SET).parse(yaml).withDefaultsFrom(BundledRuleSet.SET);
    }

    /** Ids of all built-in detectors. */
    public static Set<String> builtInRuleIds() {
        return BuiltInRules.ids();
    }

    /** The {@code rulesVersion} of the rule set this engine runs. */
    public String rulesVersion() {
        return rulesVersion;
    }

    /** Ids of the enabled rules, in priority order. */
    public List<String> activeRules() {
        return rules.stream().map(CompiledRule::id).toList();
    }

    /** The independent second scan over masked output. */
    public MaskingVerifier verifier() {
        return verifier;
    }

    /** Masks free text: a log line, a stack trace, any multi-line text. */
    public MaskResult mask(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            return new MaskResult(text, 0, Map.of());
        }
        MatchCollector matches = detect(text);
        if (matches.count() == 0) {
            return new MaskResult(text, 0, Map.of());
        }
        int[] perRule = new int[rules.size()];
        String out = renderer.render(text, matches, perRule);
        return new MaskResult(out, matches.count(), renderer.countsByRule(perRule));
    }

    /**
     * Masks UTF-8 bytes of unknown quality (binary garbage, truncated sequences): invalid input is decoded with
     * replacement characters, so this never throws. {@code null} is treated as empty.
     */
    public MaskResult mask(byte[] utf8) {
        if (utf8 == null || utf8.length == 0) {
            return new MaskResult("", 0, Map.of());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(utf8))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException impossibleWithReplace) {
            text = new String(utf8, StandardCharsets.UTF_8);
        }
        return mask(text);
    }

    /**
     * Masks a JSON document by key (values of secret-named fields) and by value (free-text detectors on every
     * string). Formatting and structure are preserved and the output stays valid JSON; input that is not valid
     * JSON is masked as free text.
     */
    public MaskResult maskJson(String json) {
        Objects.requireNonNull(json, "json");
        return new JsonMasker(valueMasker).mask(json).orElseGet(() -> mask(json));
    }

    /** Like {@link #maskJson} for YAML (comments included); invalid YAML is masked as free text. */
    public MaskResult maskYaml(String yaml) {
        Objects.requireNonNull(yaml, "yaml");
        return new YamlMasker(valueMasker).mask(yaml).orElseGet(() -> mask(yaml));
    }

    /** Runs all applicable detectors and resolves overlaps; markers of earlier masking count as non-secret. */
    MatchCollector detect(String text) {
        return detectors.detect(text);
    }

    String ruleId(int ruleIndex) {
        return rules.get(ruleIndex).id();
    }

    private static byte[] randomKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }

    /** Configures an engine: rule set (bundled by default) and the HMAC key of the {@code hash} action. */
    public static final class Builder {
        private RuleSet ruleSet;
        private byte[] hmacKey;

        private Builder() {
        }

        /** Uses an already parsed rule set (see {@link MaskingEngine#parseRuleFile}). */
        public Builder rules(RuleSet rules) {
            this.ruleSet = Objects.requireNonNull(rules);
            return this;
        }

        /** Uses an ops-supplied rule file; unmentioned built-in rules keep their defaults. */
        public Builder ruleFile(Path yaml) {
            this.ruleSet = parseRuleFile(yaml);
            return this;
        }

        /** HMAC key for {@code hash}; overrides {@value #HMAC_KEY_ENV} and the rule file's {@code hmacKey}. */
        public Builder hmacKey(byte[] key) {
            if (key == null || key.length < 16) {
                throw new IllegalArgumentException("HMAC key must have at least 16 bytes");
            }
            this.hmacKey = key.clone();
            return this;
        }

        /** String form of {@link #hmacKey(byte[])}, UTF-8 encoded. */
        public Builder hmacKey(String key) {
            return hmacKey(Objects.requireNonNull(key).getBytes(StandardCharsets.UTF_8));
        }

        /** Builds the immutable engine. */
        public MaskingEngine build() {
            RuleSet rs = ruleSet == null ? BundledRuleSet.SET : ruleSet;
            byte[] key = hmacKey;
            if (key == null) {
                String env = System.getenv(HMAC_KEY_ENV);
                if (env != null && !env.isBlank()) {
                    key = env.getBytes(StandardCharsets.UTF_8);
                } else if (rs.hmacKey().isPresent()) {
                    key = rs.hmacKey().get().getBytes(StandardCharsets.UTF_8);
                } else {
                    key = PROCESS_KEY;
                }
            }
            return new MaskingEngine(rs, key);
        }
    }
}
