package com.powerx.devhotload.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.powerx.devhotload.masking.rules.RuleFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading ops-supplied rule files: custom regex rules, overrides, and clear errors for bad files. */
class RuleFileTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path p = dir.resolve("rules-" + System.nanoTime() + ".yaml");
        Files.writeString(p, yaml);
        return p;
    }

    @Test
    void bundledRulesHaveAVersionAndEveryBuiltInRule() {
        MaskingEngine e = MaskingEngine.withDefaultRules();
        assertThat(e.rulesVersion()).isEqualTo("2026.12.0");
        assertThat(e.activeRules()).containsExactlyInAnyOrderElementsOf(MaskingEngine.builtInRuleIds());
    }

    @Test
    void customRegexRuleWorksWithoutARelease() throws IOException {
        Path p = write("""
                rulesVersion: "2026.12.0-ops"
                rules:
                  - id: acme-internal-token
                    action: remove
                    keywords: [acme_]
                    patterns:
                      - 'acme_[A-Za-z0-9]{16}'
                  - id: acme-ticket-secret
                    action: mask
                    patterns:
                      - 'ticket-secret:(?<secret>[0-9a-f]{8})'
                """);
        MaskingEngine e = MaskingEngine.fromRuleFile(p);
        assertThat(e.rulesVersion()).isEqualTo("2026.12.0-ops");
        MaskResult r = e.mask("calling svc with acme_AbCdEf0123456789 and ticket-secret:deadbeef done");
        assertThat(r.text()).isEqualTo("calling svc with [REDACTED:acme-internal-token] and ticket-secret:**** done");
        assertThat(r.byRule()).containsEntry("acme-internal-token", 1).containsEntry("acme-ticket-secret", 1);
        // Built-in rules the file does not mention keep their defaults.
        assertThat(e.mask("t=ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789").text()).isEqualTo("t=ghp_****");
        assertThat(e.verifier().isClean(r.text())).isTrue();
        assertThat(e.verifier().findings("acme_AbCdEf0123456789")).extracting(Finding::ruleId)
                .containsExactly("acme-internal-token");
    }

    @Test
    void rulesCanBeTurnedOffAndRetuned() throws IOException {
        Path p = write("""
                rulesVersion: "ops-2"
                rules:
                  - id: ipv4
                    enabled: false
                  - id: email
                    action: remove
                  - id: generic-secret-kv
                    keys: [unseal]
                """);
        MaskingEngine e = MaskingEngine.fromRuleFile(p);
        assertThat(e.activeRules()).doesNotContain("ipv4");
        assertThat(e.mask("from 203.0.113.9").text()).isEqualTo("from 203.0.113.9");
        assertThat(e.mask("to bob@example.com").text()).isEqualTo("to [REDACTED:email]");
        assertThat(e.mask("VAULT_UNSEAL_KEY=abc123xyz").text()).isEqualTo("VAULT_UNSEAL_KEY=****");
        assertThat(MaskingEngine.withDefaultRules().mask("VAULT_UNSEAL=abc123xyz").text()).isEqualTo("VAULT_UNSEAL=abc123xyz");
        assertThat(e.mask("VAULT_UNSEAL=abc123xyz").text()).isEqualTo("VAULT_UNSEAL=****");
    }

    @Test
    void extraPatternsOfABuiltInRuleReportUnderItsId() throws IOException {
        Path p = write("""
                rulesVersion: "ops-3"
                rules:
                  - id: github-token
                    patterns: ['legacy-gh-[0-9a-f]{20}']
                    keywords: [legacy-gh-]
                """);
        MaskResult r = MaskingEngine.fromRuleFile(p).mask("old legacy-gh-0123456789abcdef0123 token");
        assertThat(r.byRule()).containsEntry("github-token", 1);
        assertThat(r.text()).doesNotContain("0123456789abcdef0123");
    }

    @Test
    void catastrophicCustomPatternIsBoundedAndFailsClosed() throws IOException {
        Path p = write("""
                rulesVersion: "ops-4"
                rules:
                  - id: slow-rule
                    action: remove
                    patterns: ['(.*a){12}b']
                """);
        MaskingEngine e = MaskingEngine.fromRuleFile(p);
        String line = "a".repeat(40) + "c";
        long t0 = System.nanoTime();
        MaskResult r = e.mask("first line\n" + line + "\nlast line");
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(5.0);
        assertThat(r.text()).isEqualTo("first line\n[REDACTED:slow-rule]\nlast line");
    }

    private void assertInvalid(String yaml, String... fragments) throws IOException {
        Path p = write(yaml);
        assertThatThrownBy(() -> MaskingEngine.fromRuleFile(p))
                .isInstanceOf(RuleFileException.class)
                .hasMessageContaining(p.toString())
                .satisfies(e -> {
                    for (String f : fragments) {
                        assertThat(e.getMessage()).contains(f);
                    }
                });
    }

    @Test
    void invalidFilesFailWithAMessageNamingTheRule() throws IOException {
        assertInvalid("rulesVersion: \"1\"\nrules:\n  - id: jwt\n    action: blur\n", "rule 'jwt'", "action", "blur");
        assertInvalid("rulesVersion: \"1\"\nrules:\n  - id: acme\n    action: mask\n    patterns: ['acme_[a-z']\n",
                "rule 'acme'", "not a valid regex");
        assertInvalid("rulesVersion: \"1\"\nrules:\n  - id: acme\n    action: mask\n    patterns: ['(x+)+y']\n",
                "rule 'acme'", "unsafe", "nested unbounded quantifiers");
        assertInvalid("rulesVersion: \"1\"\nrules:\n  - id: acme\n    action: mask\n", "rule 'acme'", "patterns");
        assertInvalid("rulesVersion: \"1\"\nrules:\n  - id: jwt\n    actoin: mask\n", "rule 'jwt'", "unknown field 'actoin'");
        assertInvalid("rulesVersion: \"1\"\nrules:\n  - id: jwt\n  - id: jwt\n", "rule 'jwt'", "duplicate");
        assertInvalid("rulesVersion: \"1\"\nrules:\n  - id: email\n    keys: [x]\n", "rule 'email'", "keys");
        assertInvalid("rulesVersion: \"1\"\nrules:\n  - id: jwt\n    keepPrefix: -1\n", "rule 'jwt'", "keepPrefix");
        assertInvalid("rulesVersion: \"1\"\nrules:\n  - id: Bad Id\n    action: mask\n", "id is required");
        assertInvalid("rules:\n  - id: jwt\n", "rulesVersion");
        assertInvalid("rulesVersion: 2026.1\nrules:\n  - id: jwt\n", "rulesVersion", "quoted string");
        assertInvalid("rulesVersion: \"1\"\nrules: []\n", "rules");
        assertInvalid("rulesVersion: \"1\"\nrules:\n  - id: jwt\n    enabled: maybe\n", "rule 'jwt'", "enabled");
        assertInvalid("rulesVersion: \"1\"\nrules: [\n", "not valid YAML");
        assertInvalid("rulesVersion: \"1\"\nhmacKey: short\nrules:\n  - id: jwt\n", "hmacKey");
    }

    @Test
    void missingFileIsAClearError() {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> MaskingEngine.fromRuleFile(missing))
                .isInstanceOf(RuleFileException.class)
                .hasMessageContaining("Cannot read masking rule file")
                .hasMessageContaining("nope.yaml");
    }
}
