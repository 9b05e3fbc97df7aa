package com.powerx.devhotload.masking.detect;

import java.util.List;
import java.util.Set;

/**
 * Values that sit next to a secret-looking key but are obviously not secrets: empty, null, booleans, status
 * words, placeholders, variable references and already-masked markers. Leaving them alone keeps logs such as
 * {@code token=expired} or {@code password=${DB_PASSWORD}} readable and makes masking idempotent.
 */
public final class NonSecretValues {

    private static final Set<String> WORDS = Set.copyOf(List.of(
            "null", "nil", "none", "undefined", "true", "false", "yes", "no", "on", "off", "empty", "blank",
            "unset", "set", "n/a", "na", "tbd", "todo", "expired", "invalid", "missing", "required", "optional",
            "valid", "revoked", "refreshed", "present", "absent", "ok", "redacted", "hidden", "masked", "provided",
            "omitted", "changed", "updated", "reset", "rotated", "unknown", "supplied", "accepted", "rejected",
            "failed", "success", "successful", "incorrect", "wrong", "mismatch", "expiring", "not", "is", "was",
            "has", "for", "of", "the", "a", "an", "to", "be", "must", "should", "will", "from", "in", "string",
            "str", "int", "integer", "bool", "boolean", "number", "object", "any", "char", "bytes", "byte",
            "nullptr", "nan", "void", "sensitive", "secured", "protected", "encrypted", "filtered", "removed",
            "notset", "not_set", "disabled", "enabled", "generated", "stored", "issued", "granted", "denied",
            "ignored", "too", "and", "or", "with", "without", "found", "received", "sent", "used", "via", "~"));

    private static final String[] PREFIXES = {
        "[redacted", "[hash:", "[masked", "[filtered", "[hidden", "[secret]", "<redacted", "<hidden", "<masked",
        "<secret>", "<password>", "<token>", "<your", "<insert", "your_", "your-", "${", "$(", "{{", "%(", "<%",
        "#{", "process.env", "os.environ", "os.getenv", "system.getenv", "env(", "env.", "vault:", "file:",
        "env:", "fd:", "secretref:", "enc(", "secretkeyref", "valuefrom", "ref+", "sm://", "op://", "arn:aws:"
    };

    private NonSecretValues() {
    }

    /** True when {@code s[from,to)} is clearly not a secret value. */
    public static boolean isNonSecret(CharSequence s, int from, int to) {
        int n = to - from;
        if (n <= 0) {
            return true;
        }
        if (n <= 24) {
            String lower = s.subSequence(from, to).toString().toLowerCase(java.util.Locale.ROOT);
            if (WORDS.contains(lower)) {
                return true;
            }
        }
        if (isMaskRun(s, from, to)) {
            return true;
        }
        for (String p : PREFIXES) {
            if (Chars.regionMatchesLower(s, from, p)) {
                return true;
            }
        }
        return isYamlTag(s, from, to) || isStructural(s, from, to) || isEnvironmentReference(s, from, to)
                || isCodeExpression(s, from, to);
    }

    /** YAML tags standing for the value (!vault, !Ref, !!binary): the secret, if any, is elsewhere or encrypted. */
    private static boolean isYamlTag(CharSequence s, int from, int to) {
        if (s.charAt(from) != '!' || to - from <= 2) {
            return false;
        }
        int p = from + (s.charAt(from + 1) == '!' ? 2 : 1);
        return p < to && allLetters(s, p, firstBlank(s, from, to));
    }

    /** {@code $VAR} / {@code %VAR%}: the value comes from the environment. */
    private static boolean isEnvironmentReference(CharSequence s, int from, int to) {
        int n = to - from;
        char first = s.charAt(from);
        if (first == '$' && n > 1 && isUpperIdentifier(s, from + 1, to)) {
            return true;
        }
        return first == '%' && n > 2 && s.charAt(to - 1) == '%' && isUpperIdentifier(s, from + 1, to - 1);
    }

    /** Masking markers and redaction placeholders such as {@code ****}, {@code xxxx}, {@code ...}. */
    static boolean isMaskRun(CharSequence s, int from, int to) {
        if (to - from < 3) {
            return false;
        }
        char c = s.charAt(from);
        if ("*xX#•.-_?".indexOf(c) < 0) {
            return false;
        }
        for (int i = from + 1; i < to; i++) {
            if (s.charAt(i) != c) {
                return false;
            }
        }
        return true;
    }

    /** Structure, not data: "[", "{", "|" after a key open a collection or block. */
    private static boolean isStructural(CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) {
            if ("[]{}(),;:|>".indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static int firstBlank(CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Chars.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return to;
    }

    private static boolean allLetters(CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Chars.isLetter(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUpperIdentifier(CharSequence s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(Chars.isUpper(c) || Chars.isDigit(c) || c == '_' || c == '{' || c == '}')) {
                return false;
            }
        }
        return true;
    }

    /** {@code getPassword()}, {@code config.get("x")}: code that reads a secret, not the secret itself. */
    private static boolean isCodeExpression(CharSequence s, int from, int to) {
        int i = from;
        while (i < to && (Chars.isWord(s.charAt(i)) || s.charAt(i) == '.')) {
            i++;
        }
        // identifier( or identifier[ : a call or index expression, e.g. getParameter("x"), config["api_key"]
        return i > from && i < to && (s.charAt(i) == '(' || s.charAt(i) == '[') && Chars.isLetter(s.charAt(from));
    }
}
