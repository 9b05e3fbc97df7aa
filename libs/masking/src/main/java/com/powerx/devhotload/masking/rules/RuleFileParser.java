package com.powerx.devhotload.masking.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads and validates a YAML rule file. Every problem is reported as a {@link RuleFileException} whose message
 * names the file and the offending rule, so a bad ops-supplied file fails loudly at startup.
 */
public final class RuleFileParser {

    private static final Set<String> ROOT_FIELDS = Set.of("rulesVersion", "hmacKey", "rules", "description");

    private final Set<String> builtInIds;
    private final RuleSet defaults;

    /**
     * @param builtInIds ids that have a built-in detector
     * @param defaults   bundled rule set used for fields a built-in rule omits, or null while loading the defaults
     */
    public RuleFileParser(Set<String> builtInIds, RuleSet defaults) {
        this.builtInIds = Set.copyOf(builtInIds);
        this.defaults = defaults;
    }

    /** Parses a rule file from disk. */
    public RuleSet parse(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RuleFileException("Cannot read masking rule file " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** Parses a rule file from a stream (classpath resources). */
    public RuleSet parse(InputStream in, String source) {
        try {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), source);
        } catch (IOException e) {
            throw new RuleFileException("Cannot read masking rule file " + source + ": " + e.getMessage(), e);
        }
    }

    /** Parses rule-file text; {@code source} names it in error messages. */
    public RuleSet parse(String yamlText, String source) {
        Map<?, ?> map = load(yamlText, source);
        for (Object k : map.keySet()) {
            if (!ROOT_FIELDS.contains(String.valueOf(k))) {
                throw fail(source, null, "unknown top-level field '" + k + "' (allowed: " + ROOT_FIELDS + ")");
            }
        }
        Object version = map.get("rulesVersion");
        if (!(version instanceof String v) || v.isBlank()) {
            throw fail(source, null, "rulesVersion is required and must be a quoted string, e.g. \"2026.11.1\"");
        }
        Optional<String> hmacKey = hmacKey(map.get("hmacKey"), source);
        if (!(map.get("rules") instanceof List<?> list) || list.isEmpty()) {
            throw fail(source, null, "rules is required and must be a non-empty list");
        }
        return new RuleSet(v, hmacKey, rules(list, source));
    }

    /** The document as a mapping; duplicate keys are an error, as YAML would otherwise keep the last silently. */
    private static Map<?, ?> load(String yamlText, String source) {
        Object root;
        try (Reader r = new StringReader(yamlText)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(10);
            root = new Yaml(new SafeConstructor(options)).load(r);
        } catch (YAMLException | IOException e) {
            throw new RuleFileException("Invalid masking rule file " + source + ": not valid YAML: "
                    + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw fail(source, null, "the document must be a mapping with rulesVersion and rules");
        }
        return map;
    }

    private static Optional<String> hmacKey(Object key, String source) {
        if (key == null) {
            return Optional.empty();
        }
        if (!(key instanceof String k) || k.length() < 16) {
            throw fail(source, null, "hmacKey must be a string of at least 16 characters");
        }
        return Optional.of(k);
    }

    private List<RuleConfig> rules(List<?> list, String source) {
        List<RuleConfig> rules = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            RuleConfig rule = RuleEntryReader.read(list.get(i), i + 1, source, builtInIds, defaults);
            if (!seen.add(rule.id())) {
                throw fail(source, "'" + rule.id() + "' (#" + (i + 1) + ")", "duplicate rule id");
            }
            rules.add(rule);
        }
        return rules;
    }

    /** An error naming the file, the rule (null for file-level problems) and the problem. */
    static RuleFileException fail(String source, String rule, String problem) {
        String prefix = "Invalid masking rule file " + source + ": ";
        return new RuleFileException(prefix + (rule == null ? "" : "rule " + rule + ": ") + problem);
    }
}
