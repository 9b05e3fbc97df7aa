package com.powerx.devhotload.masking.rules;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One rule of a rule file.
 *
 * @param id          stable rule id (built-in detector id or a custom id)
 * @param enabled     whether the rule runs
 * @param action      what to do with matches
 * @param keepPrefix  maximum number of leading public-marker characters {@code mask} keeps
 * @param patterns    extra regex patterns reported under this id (compiled, already checked)
 * @param keywords    case-insensitive literals pre-filtering lines for {@code patterns}
 * @param keys        extra secret key words (only {@code generic-secret-kv})
 * @param description free text for humans
 */
public record RuleConfig(String id, boolean enabled, Action action, int keepPrefix, List<Pattern> patterns,
                         List<String> keywords, List<String> keys, String description) {

    /** Means "keep the whole public marker the detector reports". */
    public static final int KEEP_MARKER = Integer.MAX_VALUE;

    /** Validating constructor: lists are copied, nothing is null. */
    public RuleConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(action, "action");
        patterns = List.copyOf(patterns);
        keywords = List.copyOf(keywords);
        keys = List.copyOf(keys);
        description = description == null ? "" : description;
        if (keepPrefix < 0) {
            throw new IllegalArgumentException("keepPrefix must be >= 0");
        }
    }

    /** A copy with another enabled flag. */
    public RuleConfig withEnabled(boolean on) {
        return new RuleConfig(id, on, action, keepPrefix, patterns, keywords, keys, description);
    }

    /** A copy with another action. */
    public RuleConfig withAction(Action a) {
        return new RuleConfig(id, enabled, a, keepPrefix, patterns, keywords, keys, description);
    }
}
