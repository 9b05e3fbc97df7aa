package com.powerx.devhotload.masking;

import static org.assertj.core.api.Assertions.assertThat;

import com.powerx.devhotload.masking.rules.Action;
import com.powerx.devhotload.masking.rules.RuleConfig;
import com.powerx.devhotload.masking.rules.RuleSet;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** mask / hash / remove per rule, kept prefixes, and HMAC stability. */
class ActionsTest {

    private static final String GH = "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789";
    private static final String GH2 = "ghp_Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0PpOoNn";
    private static final Pattern HASH = Pattern.compile("\\[HASH:([0-9a-f]{12})]");

    private final MaskingEngine defaults = MaskingEngine.builder().hmacKey("actions-test-key-000001").build();

    private static MaskingEngine withAction(String ruleId, Action action, String key) {
        RuleSet rs = MaskingEngine.defaultRuleSet();
        RuleConfig rule = rs.rule(ruleId).orElseThrow().withAction(action);
        return MaskingEngine.builder().rules(rs.with(rule)).hmacKey(key).build();
    }

    @Test
    void maskKeepsPublicMarkersAndContext() {
        assertThat(defaults.mask("token " + GH).text()).isEqualTo("token ghp_****");
        assertThat(defaults.mask("STRIPE=sk_live_51HcQxYAbCdEfGhIjKlMnOpQr").text()).isEqualTo("STRIPE=sk_live_****");
        assertThat(defaults.mask("id AKIAIOSFODNN7EXAMPLE").text()).isEqualTo("id AKIA****");
        assertThat(defaults.mask("password=hunter2 user=bob").text()).isEqualTo("password=**** user=bob");
        assertThat(defaults.mask("postgres://user:s3cret@db:5432/x").text()).isEqualTo("postgres://user:****@db:5432/x");
        assertThat(defaults.mask("Authorization: Bearer abcdef0123456789abcdef").text())
                .isEqualTo("Authorization: Bearer ****");
        assertThat(defaults.mask("-----BEGIN RSA PRIVATE KEY-----\nMIIEabc123\n-----END RSA PRIVATE KEY-----").text())
                .isEqualTo("-----BEGIN RSA PRIVATE KEY-----\n****\n-----END RSA PRIVATE KEY-----");
    }

    @Test
    void keepPrefixZeroKeepsNothing() {
        RuleSet rs = MaskingEngine.defaultRuleSet();
        RuleConfig r = rs.rule("github-token").orElseThrow();
        RuleConfig noPrefix = new RuleConfig(r.id(), true, Action.MASK, 0, r.patterns(), r.keywords(), r.keys(), "");
        MaskingEngine e = MaskingEngine.builder().rules(rs.with(noPrefix)).build();
        assertThat(e.mask("t=" + GH).text()).isEqualTo("t=****");
    }

    @Test
    void removeNamesTheRule() {
        MaskingEngine e = withAction("github-token", Action.REMOVE, "actions-test-key-000001");
        MaskResult r = e.mask("token " + GH);
        assertThat(r.text()).isEqualTo("token [REDACTED:github-token]");
        assertThat(r.redactions()).isEqualTo(1);
        assertThat(r.byRule()).containsExactly(java.util.Map.entry("github-token", 1));
    }

    @Test
    void hashIsStableAcrossCallsAndEnginesWithTheSameKey() {
        MaskingEngine a = withAction("github-token", Action.HASH, "actions-test-key-000001");
        MaskingEngine b = withAction("github-token", Action.HASH, "actions-test-key-000001");
        String t1 = hash(a.mask("first " + GH).text());
        String t2 = hash(a.mask("again " + GH + " later").text());
        String t3 = hash(b.mask(GH).text());
        assertThat(t1).isEqualTo(t2).isEqualTo(t3);
        assertThat(hash(a.mask(GH2).text())).isNotEqualTo(t1);
        assertThat(a.mask(GH).text()).doesNotContain("aBcDeF");
    }

    @Test
    void hashDiffersAcrossKeys() {
        MaskingEngine a = withAction("github-token", Action.HASH, "actions-test-key-000001");
        MaskingEngine b = withAction("github-token", Action.HASH, "actions-test-key-000002");
        assertThat(hash(a.mask(GH).text())).isNotEqualTo(hash(b.mask(GH).text()));
    }

    @Test
    void hashIsFirst12HexOfHmacSha256() throws Exception {
        MaskingEngine a = withAction("github-token", Action.HASH, "actions-test-key-000001");
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("actions-test-key-000001".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "HmacSHA256"));
        byte[] d = mac.doFinal(GH.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String expected = java.util.HexFormat.of().formatHex(d).substring(0, 12);
        assertThat(a.mask(GH).text()).isEqualTo("[HASH:" + expected + "]");
    }

    @Test
    void emailsAreHashedByDefaultSoUsersCorrelate() {
        MaskResult r = defaults.mask("login bob@example.com; logout bob@example.com; login eve@example.com");
        Matcher m = HASH.matcher(r.text());
        assertThat(m.find()).isTrue();
        String first = m.group(1);
        assertThat(m.find()).isTrue();
        assertThat(m.group(1)).isEqualTo(first);
        assertThat(m.find()).isTrue();
        assertThat(m.group(1)).isNotEqualTo(first);
        assertThat(r.byRule()).containsEntry("email", 3);
    }

    @Test
    void ruleFileKeyIsUsedWhenNoExplicitKey() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv(MaskingEngine.HMAC_KEY_ENV) == null);
        RuleSet base = MaskingEngine.defaultRuleSet();
        RuleSet withKey = new RuleSet(base.rulesVersion(), Optional.of("rule-file-key-0123456789"), base.rules());
        MaskingEngine fileKey = MaskingEngine.builder().rules(withKey).build();
        MaskingEngine sameExplicit = MaskingEngine.builder().rules(base).hmacKey("rule-file-key-0123456789").build();
        MaskingEngine otherExplicit = MaskingEngine.builder().rules(withKey).hmacKey("explicit-key-wins-0000").build();
        String text = "mail bob@example.com";
        assertThat(fileKey.mask(text).text()).isEqualTo(sameExplicit.mask(text).text());
        assertThat(otherExplicit.mask(text).text()).isNotEqualTo(fileKey.mask(text).text());
    }

    @Test
    void resultCountsEveryReplacement() {
        MaskResult r = defaults.mask("password=a1b2c3 token=" + GH + " ip 203.0.113.9 ok");
        assertThat(r.redactions()).isEqualTo(3);
        assertThat(r.byRule()).containsEntry("generic-secret-kv", 1).containsEntry("github-token", 1)
                .containsEntry("ipv4", 1);
        assertThat(r.changed()).isTrue();
        assertThat(defaults.mask("nothing here").changed()).isFalse();
    }

    private static String hash(String text) {
        Matcher m = HASH.matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }
}
