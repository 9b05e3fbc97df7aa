package com.powerx.devhotload.masking.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads and validates one entry of a rule file's {@code rules} list, field by field in a fixed order, so the first
 * problem of an entry is always the one reported. A built-in rule may omit fields: they come from its bundled
 * default, so an ops file can change the action of a rule without repeating its patterns.
 */
final class RuleEntryReader {

    private static final Set<String> RULE_FIELDS = Set.of(
            "id", "enabled", "action", "keepPrefix", "patterns", "keywords", "keys", "description");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final Map<?, ?> entry;
    private final String source;
    /** The entry as error messages name it: {@code 'acme-token' (#3)}. */
    private final String where;
    private final String id;
    /** The bundled rule with this id, or null for custom rules and while the bundled set itself is read. */
    private final RuleConfig base;

    private RuleEntryReader(Map<?, ?> entry, String source, String where, String id, RuleConfig base) {
        this.entry = entry;
        this.source = source;
        this.where = where;
        this.id = id;
        this.base = base;
    }

    /**
     * The rule of entry {@code o}, the {@code index}-th (from 1) of {@code source}.
     *
     * @param defaults bundled rule set for omitted fields of built-in rules, or null while loading the defaults
     */
    static RuleConfig read(Object o, int index, String source, Set<String> builtInIds, RuleSet defaults) {
        String where = "#" + index;
        if (!(o instanceof Map<?, ?> m)) {
            throw RuleFileParser.fail(source, where, "each rule must be a mapping with at least an id");
        }
        if (!(m.get("id") instanceof String id) || !ID.matcher(id).matches()) {
            throw RuleFileParser.fail(source, where, "id is required: lower-case letters, digits and '-', e.g. "
                    + "acme-token (was " + m.get("id") + ")");
        }
        RuleConfig base = defaults == null ? null : defaults.rule(id).orElse(null);
        return new RuleEntryReader(m, source, "'" + id + "' (" + where + ")", id, base).read(builtInIds.contains(id));
    }

    private RuleConfig read(boolean builtIn) {
        for (Object k : entry.keySet()) {
            if (!RULE_FIELDS.contains(String.valueOf(k))) {
                throw fail("unknown field '" + k + "' (allowed: " + RULE_FIELDS + ")");
            }
        }
        boolean enabled = enabled();
        Action action = action();
        int keep = keepPrefix();
        List<Pattern> patterns = patterns();
        if (!builtIn && patterns.isEmpty()) {
            throw fail("not a built-in detector, so it needs at least one regex in patterns");
        }
        List<String> keywords = keywords();
        List<String> keys = keys();
        Object d = entry.get("description");
        String description = d == null ? (base == null ? "" : base.description()) : String.valueOf(d);
        if (base != null && patterns.isEmpty() && entry.get("patterns") == null) {
            patterns = base.patterns();
            keywords = keywords.isEmpty() ? base.keywords() : keywords;
        }
        if (base != null && keys.isEmpty() && entry.get("keys") == null) {
            keys = base.keys();
        }
        return new RuleConfig(id, enabled, action, keep, patterns, keywords, keys, description);
    }

    private boolean enabled() {
        Object en = entry.get("enabled");
        if (en == null) {
            return true;
        }
        if (!(en instanceof Boolean b)) {
            throw fail("enabled must be true or false");
        }
        return b;
    }

    private Action action() {
        Object a = entry.get("action");
        if (a == null) {
            if (base == null) {
                throw fail("action is required (mask, hash or remove)");
            }
            return base.action();
        }
        try {
            return Action.parse(String.valueOf(a));
        } catch (IllegalArgumentException e) {
            throw fail(e.getMessage());
        }
    }

    private int keepPrefix() {
        Object kp = entry.get("keepPrefix");
        if (kp == null) {
            return base == null ? RuleConfig.KEEP_MARKER : base.keepPrefix();
        }
        if (!(kp instanceof Integer k) || k < 0) {
            throw fail("keepPrefix must be a non-negative integer");
        }
        return k;
    }

    /** Compiled patterns, each linted for catastrophic backtracking first: they run on every line of every log. */
    private List<Pattern> patterns() {
        List<String> texts = strings("patterns");
        List<Pattern> patterns = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String p = texts.get(i);
            String problem = RegexSafety.problem(p);
            if (problem != null) {
                throw fail("pattern #" + (i + 1) + " is unsafe: " + problem);
            }
            try {
                patterns.add(Pattern.compile(p));
            } catch (PatternSyntaxException e) {
                throw fail("pattern #" + (i + 1) + " is not a valid regex: " + e.getDescription() + " near index "
                        + e.getIndex());
            }
        }
        return patterns;
    }

    /** Keywords feed the engine's ASCII keyword index, which has no place for other characters. */
    private List<String> keywords() {
        List<String> keywords = strings("keywords");
        for (String k : keywords) {
            if (k.isEmpty() || !k.chars().allMatch(c -> c >= 32 && c < 127)) {
                throw fail("keywords must be non-empty printable ASCII literals (was '" + k + "')");
            }
        }
        return keywords;
    }

    private List<String> keys() {
        List<String> keys = strings("keys");
        if (!keys.isEmpty() && !id.equals("generic-secret-kv")) {
            throw fail("keys is only supported by generic-secret-kv");
        }
        for (String k : keys) {
            if (!k.matches("[a-z0-9]{2,40}")) {
                throw fail("keys must be lower-case words of letters and digits (was '" + k + "')");
            }
        }
        return keys;
    }

    private List<String> strings(String field) {
        Object o = entry.get(field);
        if (o == null) {
            return List.of();
        }
        if (!(o instanceof List<?> list)) {
            throw fail(field + " must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (Object e : list) {
            if (!(e instanceof String s)) {
                throw fail(field + " must be a list of strings (found " + e + ")");
            }
            out.add(s);
        }
        return out;
    }

    private RuleFileException fail(String problem) {
        return RuleFileParser.fail(source, where, problem);
    }
}
