package com.powerx.devhotload.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.powerx.devhotload.masking.corpus.CorpusCase;
import com.powerx.devhotload.masking.corpus.HandWrittenCorpus;
import com.powerx.devhotload.masking.corpus.PositiveCorpus;
import com.powerx.devhotload.masking.rules.Action;
import com.powerx.devhotload.masking.rules.RuleConfig;
import com.powerx.devhotload.masking.rules.RuleSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verifier: clean on masked output, and finds any unmasked secret slipped back in. */
class VerifierTest {

    private static final String GH = "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789";
    private final MaskingEngine engine = MaskingEngine.builder().hmacKey("verifier-test-key-00001").build();

    @Test
    void findsAnUnmaskedSecretInsertedIntoMaskedText() {
        String original = "user=bob password=hunter2 token=" + GH + "\nAuthorization: Bearer abcdef0123456789abcdef\n";
        String masked = engine.mask(original).text();
        assertThat(engine.verifier().isClean(masked)).isTrue();

        String tampered = masked + "retry with " + GH + " now\n";
        List<Finding> findings = engine.verifier().findings(tampered);
        assertThat(findings).extracting(Finding::ruleId).containsExactly("github-token");
        Finding f = findings.get(0);
        assertThat(tampered.substring(f.start(), f.end())).isEqualTo(GH);
        assertThat(f.toString()).doesNotContain("aBcDeF");
    }

    /** For every positive case: its masked form is clean, and re-inserting the raw case is caught. */
    @Test
    void everyCorpusSecretIsFoundWhenInsertedIntoMaskedText() {
        List<CorpusCase> cases = new ArrayList<>(PositiveCorpus.generate(CorpusRecallTest.SEED + 1, 3));
        cases.addAll(HandWrittenCorpus.positives());
        List<String> missed = new ArrayList<>();
        for (CorpusCase c : cases) {
            String masked = engine.mask(c.text()).text();
            assertThat(engine.verifier().findings(masked)).as(c.source()).isEmpty();
            String tampered = masked + "\n" + c.text();
            List<Finding> f = engine.verifier().findings(tampered);
            boolean coversSecret = f.stream().anyMatch(x -> x.start() > masked.length()
                    && c.secrets().stream().anyMatch(s -> tampered.substring(x.start(), x.end()).contains(s)
                    || s.contains(tampered.substring(x.start(), x.end()))));
            if (!coversSecret) {
                missed.add(c.source() + " " + f);
            }
        }
        assertThat(missed).isEmpty();
    }

    @Test
    void textMaskedWithHashOrRemoveIsClean() {
        RuleSet rs = MaskingEngine.defaultRuleSet();
        for (Action a : Action.values()) {
            RuleSet changed = rs;
            for (RuleConfig r : rs.rules()) {
                changed = changed.with(r.withAction(a));
            }
            MaskingEngine e = MaskingEngine.builder().rules(changed).hmacKey("verifier-test-key-00001").build();
            for (CorpusCase c : HandWrittenCorpus.positives()) {
                String masked = e.mask(c.text()).text();
                assertThat(e.verifier().findings(masked)).as(a + " " + c.source() + "\n" + masked).isEmpty();
            }
        }
    }

    @Test
    void tripwiresCatchASecretEvenWhenItsDetectorMissesTheSyntax() {
        // No keyword context, glued to text on the left: the PEM detector needs "-----BEGIN " at a boundary, the
        // tripwire only needs the header followed by base64.
        String text = "blob:-----BEGIN RSA PRIVATE KEY-----\\nMIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi";
        List<Finding> f = engine.verifier().findings(text);
        assertThat(f).extracting(Finding::ruleId).contains("pem-private-key");
    }

    @Test
    void requireCleanFailsClosedWithoutRevealingTheSecret() {
        assertThatThrownBy(() -> engine.verifier().requireClean("deploy with " + GH))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("github-token")
                .hasMessageNotContaining("aBcDeF");
        engine.verifier().requireClean(engine.mask("deploy with " + GH).text());
    }

    @Test
    void markersAreNotSecrets() {
        String masked = "password=**** token=ghp_**** [HASH:0a1b2c3d4e5f] [REDACTED:jwt] Authorization: Bearer ****\n"
                + "postgres://app:****@db:5432/x Cookie: sid=****; lang=****\n"
                + "-----BEGIN RSA PRIVATE KEY-----\n****\n-----END RSA PRIVATE KEY-----";
        assertThat(engine.verifier().findings(masked)).isEmpty();
    }
}
