package com.powerx.devhotload.masking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Simple, high-precision regexes for the most damaging secret formats, used only by the verifier. They share no
 * code with the detectors, so a detector bug (a boundary off by one, a missed syntax) still trips the verifier.
 * All quantifiers are bounded or possessive.
 */
final class Tripwires {

    /**
     * One tripwire: the rule whose secret it recognises, the pattern, and literals of which every match contains one.
     * Only the text around the literals is scanned ({@link #windows}): a regex tried at every position of a
     * 10,000-line report was most of a report's generation time, and the literals are rare in it.
     */
    record Tripwire(String ruleId, Pattern pattern, List<String> literals, int reach) {

        /**
         * Merged {@code [start, end)} ranges around each occurrence of a literal: from {@link #BEFORE} chars before
         * it (no pattern puts more in front of its literal) to {@code reach} chars after it (a match's longest tail).
         */
        List<int[]> windows(String text) {
            List<int[]> around = new ArrayList<>();
            for (String literal : literals) {
                for (int i = text.indexOf(literal); i >= 0; i = text.indexOf(literal, i + 1)) {
                    around.add(new int[] {Math.max(0, i - BEFORE), Math.min(text.length(), i + reach)});
                }
            }
            around.sort(Comparator.comparingInt(w -> w[0]));
            List<int[]> merged = new ArrayList<>();
            for (int[] w : around) {
                int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
                if (last != null && w[0] <= last[1]) {
                    last[1] = Math.max(last[1], w[1]);
                } else {
                    merged.add(w);
                }
            }
            return merged;
        }
    }

    /** Most characters any pattern puts before its literal ("-----BEGIN " and 40 more before "PRIVATE KEY"). */
    static final int BEFORE = 64;

    /** Most characters from a literal to the end of its match, where longer than the usual {@link #REACH}. */
    private static final int REACH = 256;
    private static final Map<String, Integer> LONG_REACH = Map.of("jwt", 2_100, "pem-private-key", 4_096);

    private static final Map<String, List<String>> LITERALS = Map.ofEntries(
            Map.entry("pem-private-key", List.of("PRIVATE KEY")),
            Map.entry("github-token", List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_")),
            Map.entry("aws-access-key-id", List.of("AKIA", "ASIA")),
            Map.entry("jwt", List.of("eyJ")),
            Map.entry("slack-token", List.of("xox")),
            Map.entry("stripe-key", List.of("k_live_", "k_test_")),
            Map.entry("gitlab-token", List.of("glpat-")),
            Map.entry("anthropic-key", List.of("sk-ant-")),
            Map.entry("openai-key", List.of("sk-proj-")),
            Map.entry("npm-token", List.of("npm_")),
            Map.entry("gcp-api-key", List.of("AIza")),
            Map.entry("sendgrid", List.of("SG.")),
            Map.entry("slack-webhook", List.of("hooks.slack.com")),
            Map.entry("url-credentials", List.of("://")),
            Map.entry("db-connection-string", List.of("://")),
            Map.entry("vault-token", List.of("hvs.", "hvb.")),
            Map.entry("digitalocean-token", List.of("_v1_")),
            Map.entry("huggingface-token", List.of("hf_")),
            Map.entry("telegram-bot-token", List.of(":A")));

    private static final Map<String, String> PATTERNS = Map.ofEntries(
            Map.entry("pem-private-key",
                    "-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----(?:\\s|\\\\[nr]){0,8}+(?:[A-Za-z-]{1,12}: [^\\n]{1,100}\\n){0,4}+\\s*+[A-Za-z0-9+/]{24}"),
            Map.entry("github-token",
                    "(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{30}|github_pat_[A-Za-z0-9_]{22})"),
            Map.entry("aws-access-key-id", "(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])"),
            Map.entry("jwt", "(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{10,2000}+\\.eyJ[A-Za-z0-9_-]{10}"),
            Map.entry("slack-token", "(?<![A-Za-z0-9])xox[abposre]-[A-Za-z0-9-]{10}"),
            Map.entry("stripe-key", "(?<![A-Za-z0-9])[sr]k_(?:live|test)_[A-Za-z0-9]{10}"),
            Map.entry("gitlab-token", "(?<![A-Za-z0-9])glpat-[A-Za-z0-9_-]{20}"),
            Map.entry("anthropic-key", "(?<![A-Za-z0-9])sk-ant-[A-Za-z0-9_-]{20}"),
            Map.entry("openai-key", "(?<![A-Za-z0-9])sk-proj-[A-Za-z0-9_-]{20}"),
            Map.entry("npm-token", "(?<![A-Za-z0-9])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])"),
            Map.entry("gcp-api-key", "(?<![A-Za-z0-9_-])AIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])"),
            Map.entry("sendgrid", "(?<![A-Za-z0-9])SG\\.[A-Za-z0-9_-]{16,32}+\\.[A-Za-z0-9_-]{16}"),
            Map.entry("slack-webhook", "hooks\\.slack\\.com/services/T[A-Za-z0-9]{6}"),
            Map.entry("url-credentials",
                    "(?<![A-Za-z0-9+.-])(?!(?:postgres|postgresql|mysql|mariadb|mongodb|mongodb\\+srv|redis|rediss|amqps?|jdbc)://)"
                            + "[A-Za-z][A-Za-z0-9+.-]{1,30}+://[^\\s:/@\"'<>\\[]{1,64}+:(?!\\*\\*\\*\\*@)[^\\s/@\"'<>\\[*]{1,128}+@"),
            Map.entry("db-connection-string",
                    "(?<![A-Za-z0-9+.-])(?:postgres|postgresql|mysql|mariadb|mongodb|mongodb\\+srv|redis|rediss|amqps?)"
                            + "://[^\\s:/@\"'<>\\[]{0,64}+:(?!\\*\\*\\*\\*@)[^\\s/@\"'<>\\[*]{1,128}+@"),
            Map.entry("vault-token", "(?<![A-Za-z0-9_-])hv[sb]\\.[A-Za-z0-9_-]{24}"),
            Map.entry("digitalocean-token", "(?<![A-Za-z0-9])do[por]_v1_[a-f0-9]{64}"),
            Map.entry("huggingface-token", "(?<![A-Za-z0-9_])hf_[A-Za-z]{34}"),
            Map.entry("telegram-bot-token", "(?<![0-9])[0-9]{8,10}:A[A-Za-z0-9_-]{33}"));

    private Tripwires() {
    }

    /** Tripwires for the enabled rules among {@code enabledRuleIds}. */
    static List<Tripwire> forRules(Set<String> enabledRuleIds) {
        List<Tripwire> out = new ArrayList<>();
        PATTERNS.forEach((id, regex) -> {
            if (enabledRuleIds.contains(id)) {
                out.add(new Tripwire(id, Pattern.compile(regex), LITERALS.get(id), LONG_REACH.getOrDefault(id, REACH)));
            }
        });
        return List.copyOf(out);
    }
}
