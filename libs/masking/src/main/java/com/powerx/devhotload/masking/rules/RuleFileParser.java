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
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
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
    private static final Set<String> RULE_FIELDS = Set.of(
            "id", "enabled", "action", "keepPrefix", "patterns", "keywords", "keys", "description");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

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
        for (Object k : map.keySet()) {
            if (!ROOT_FIELDS.contains(String.valueOf(k))) {
                throw fail(source, null, "unknown top-level field '" + k + "' (allowed: " + ROOT_FIELDS + ")");
            }
        }
        Object version = map.get("rulesVersion");
        if (!(version instanceof String v) || v.isBlank()) {
            throw fail(source, null, "rulesVersion is required and must be a quoted string, e.g. \"2026.11.1\"");
        }
        Optional<String> hmacKey = Optional.empty();
        Object key = map.get("hmacKey");
        if (key != null) {
            if (!(key instanceof String k) || k.length() < 16) {
                throw fail(source, null, "hmacKey must be a string of at least 16 characters");
            }
            hmacKey = Optional.of(k);
        }
        if (!(map.get("rules") instanceof List<?> list) || list.isEmpty()) {
            throw fail(source, null, "rules is required and must be a non-empty list");
        }
        List<RuleConfig> rules = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            RuleConfig rule = rule(list.get(i), i + 1, source);
            if (!seen.add(rule.id())) {
                throw fail(source, "'" + rule.id() + "' (#" + (i + 1) + ")", "duplicate rule id");
            }
            rules.add(rule);
        }
        return new RuleSet(v, hmacKey, rules);
    }

    private RuleConfig rule(Object o, int index, String source) {
        String where = "#" + index;
        if (!(o instanceof Map<?, ?> m)) {
            throw fail(source, where, "each rule must be a mapping with at least an id");
        }
        if (!(m.get("id") instanceof String id) || !ID.matcher(id).matches()) {
            throw fail(source, where, "id is required: lower-case letters, digits and '-', e.g. acme-token (was "
                    + m.get("id") + ")");
        }
        where = "'" + id + "' (" + where + ")";
        for (Object k : m.keySet()) {
            if (!RULE_FIELDS.contains(String.valueOf(k))) {
                throw fail(source, where, "unknown field '" + k + "' (allowed: " + RULE_FIELDS + ")");
            }
        }
        boolean builtIn = builtInIds.contains(id);
        RuleConfig base = defaults == null ? null : defaults.rule(id).orElse(null);

        boolean enabled = true;
        Object en = m.get("enabled");
        if (en != null) {
            if (!(en instanceof Boolean b)) {
                throw fail(source, where, "enabled must be true or false");
            }
            enabled = b;
        }
        Action action;
        Object a = m.get("action");
        if (a == null) {
            if (base == null) {
                throw fail(source, where, "action is required (mask, hash or remove)");
            }
            action = base.action();
        } else {
            try {
                action = Action.parse(String.valueOf(a));
            } catch (IllegalArgumentException e) {
                throw fail(source, where, e.getMessage());
            }
        }
        int keep = base == null ? RuleConfig.KEEP_MARKER : base.keepPrefix();
        Object kp = m.get("keepPrefix");
        if (kp != null) {
            if (!(kp instanceof Integer k) || k < 0) {
                throw fail(source, where, "keepPrefix must be a non-negative integer");
            }
            keep = k;
        }
        List<String> patternTexts = strings(m.get("patterns"), "patterns", source, where);
        List<Pattern> patterns = new ArrayList<>();
        for (int i = 0; i < patternTexts.size(); i++) {
            String p = patternTexts.get(i);
            String problem = RegexSafety.problem(p);
            if (problem != null) {
                throw fail(source, where, "pattern #" + (i + 1) + " is unsafe: " + problem);
            }
            try {
                patterns.add(Pattern.compile(p));
            } catch (PatternSyntaxException e) {
                throw fail(source, where, "pattern #" + (i + 1) + " is not a valid regex: "
                        + e.getDescription() + " near index " + e.getIndex());
            }
        }
        if (!builtIn && patterns.isEmpty()) {
            throw fail(source, where, "not a built-in detector, so it needs at least one regex in patterns");
        }
        List<String> keywords = strings(m.get("keywords"), "keywords", source, where);
        for (String k : keywords) {
            if (k.isEmpty() || !k.chars().allMatch(c -> c >= 32 && c < 127)) {
                throw fail(source, where, "keywords must be non-empty printable ASCII literals (was '" + k + "')");
            }
        }
        List<String> keys = strings(m.get("keys"), "keys", source, where);
        if (!keys.isEmpty() && !id.equals("generic-secret-kv")) {
            throw fail(source, where, "keys is only supported by generic-secret-kv");
        }
        for (String k : keys) {
            if (!k.matches("[a-z0-9]{2,40}")) {
                throw fail(source, where, "keys must be lower-case words of letters and digits (was '" + k + "')");
            }
        }
        Object d = m.get("description");
        String description = d == null ? (base == null ? "" : base.description()) : String.valueOf(d);
        if (base != null && patterns.isEmpty() && m.get("patterns") == null) {
            patterns = base.patterns();
            keywords = keywords.isEmpty() ? base.keywords() : keywords;
        }
        if (base != null && keys.isEmpty() && m.get("keys") == null) {
            keys = base.keys();
        }
        return new RuleConfig(id, enabled, action, keep, patterns, keywords, keys, description);
    }

    private static List<String> strings(Object o, String field, String source, String where) {
        if (o == null) {
            return List.of();
        }
        if (!(o instanceof List<?> list)) {
            throw fail(source, where, field + " must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (Object e : list) {
            if (!(e instanceof String s)) {
                throw fail(source, where, field + " must be a list of strings (found " + e + ")");
            }
            out.add(s);
        }
        return out;
    }

    private static RuleFileException fail(String source, String rule, String problem) {
        String prefix = "Invalid masking rule file " + source + ": ";
        return new RuleFileException(prefix + (rule == null ? "" : "rule " + rule + ": ") + problem);
    }
}
