package com.powerx.devhotload.masking;

import static org.assertj.core.api.Assertions.assertThat;

import com.powerx.devhotload.masking.corpus.CorpusCase;
import com.powerx.devhotload.masking.corpus.HandWrittenCorpus;
import com.powerx.devhotload.masking.corpus.HardNegativeCorpus;
import com.powerx.devhotload.masking.corpus.NegativeCorpus;
import com.powerx.devhotload.masking.corpus.PositiveCorpus;
import com.powerx.devhotload.masking.corpus.SecretClassCorpus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recall and false-positive rate of the bundled rule set over the positive and negative corpus. Prints both
 * figures; fails below 100% recall or above 0.5% false positives.
 */
class CorpusRecallTest {

    static final long SEED = 20261122L;
    private static final int MIN_LEAK_WINDOW = 8;
    /** A window starting at the secret's first character may be a kept public marker (sk-svcacct-). */
    private static final int MAX_KEPT_PREFIX = 11;

    static List<CorpusCase> positives;
    static List<CorpusCase> negatives;
    static MaskingEngine engine;

    @BeforeAll
    static void load() {
        engine = MaskingEngine.builder().hmacKey("corpus-test-key-0123456789").build();
        positives = new ArrayList<>(PositiveCorpus.generate(SEED, 8));
        positives.addAll(SecretClassCorpus.all(SEED, SecretClassRecallTest.PER_LAYOUT));
        int generatedPositives = positives.size();
        positives.addAll(HandWrittenCorpus.positives());
        negatives = new ArrayList<>(NegativeCorpus.generate(SEED, 18));
        negatives.addAll(HardNegativeCorpus.generate(SEED, SecretClassRecallTest.NEGATIVES_PER_TEMPLATE));
        int generatedNegatives = negatives.size();
        negatives.addAll(HandWrittenCorpus.negatives());
        System.out.printf(Locale.ROOT, "Corpus: %d positives (%d generated, %d hand-written), %d negatives (%d generated, %d hand-written)%n",
                positives.size(), generatedPositives, positives.size() - generatedPositives, negatives.size(),
                generatedNegatives, negatives.size() - generatedNegatives);
    }

    @Test
    void corpusIsLargeEnough() {
        assertThat(positives).hasSizeGreaterThanOrEqualTo(1000);
        assertThat(negatives).hasSizeGreaterThanOrEqualTo(1000);
        assertThat(positives.stream().map(CorpusCase::rule).distinct())
                .containsAll(MaskingEngine.builtInRuleIds());
    }

    @Test
    void recallAndFalsePositiveRate() {
        List<String> misses = new ArrayList<>();
        List<String> misattributed = new ArrayList<>();
        int found = 0;
        for (CorpusCase c : positives) {
            MaskResult r = engine.mask(c.text());
            String leak = leak(c, r.text());
            if (leak == null) {
                found++;
            } else {
                misses.add(c.source() + " [" + c.rule() + "] leaked '" + leak + "'\n   in : " + c.text() + "\n   out: " + r.text());
            }
            if (!r.byRule().containsKey(c.rule())) {
                misattributed.add(c.source() + " expected " + c.rule() + " got " + r.byRule() + "\n   in : " + c.text());
            }
        }
        List<String> falsePositives = new ArrayList<>();
        for (CorpusCase c : negatives) {
            MaskResult r = engine.mask(c.text());
            if (!r.text().equals(c.text())) {
                falsePositives.add(c.source() + " " + r.byRule() + "\n   in : " + c.text() + "\n   out: " + r.text());
            }
        }
        double recall = 100.0 * found / positives.size();
        double fpRate = 100.0 * falsePositives.size() / negatives.size();
        System.out.printf(Locale.ROOT, "Recall: %.2f%% (%d/%d)   False-positive rate: %.2f%% (%d/%d)   Rule attribution: %d/%d%n",
                recall, found, positives.size(), fpRate, falsePositives.size(), negatives.size(),
                positives.size() - misattributed.size(), positives.size());
        misses.stream().limit(40).forEach(m -> System.out.println("MISS " + m));
        falsePositives.stream().limit(40).forEach(m -> System.out.println("FP   " + m));
        misattributed.stream().limit(40).forEach(m -> System.out.println("RULE " + m));
        assertThat(misses).as("positives whose secret survived").isEmpty();
        assertThat(fpRate).as("false-positive rate %").isLessThanOrEqualTo(0.5);
        assertThat(misattributed).as("positives not attributed to their rule").isEmpty();
    }

    @Test
    void maskedPositivesAreCleanForTheVerifier() {
        MaskingVerifier v = engine.verifier();
        List<String> dirty = new ArrayList<>();
        for (CorpusCase c : positives) {
            String masked = engine.mask(c.text()).text();
            List<Finding> f = v.findings(masked);
            if (!f.isEmpty()) {
                dirty.add(c.source() + " " + f + "\n   out: " + masked);
            }
        }
        dirty.stream().limit(20).forEach(d -> System.out.println("DIRTY " + d));
        assertThat(dirty).isEmpty();
    }

    @Test
    void negativesAreCleanForTheVerifier() {
        MaskingVerifier v = engine.verifier();
        long dirty = negatives.stream().filter(c -> !v.isClean(c.text())).count();
        assertThat(dirty).isZero();
    }

    @Test
    void maskingIsIdempotent() {
        for (CorpusCase c : positives) {
            String once = engine.mask(c.text()).text();
            assertThat(engine.mask(once).text()).as(c.source()).isEqualTo(once);
        }
    }

    /** The first leaked piece of a secret, or null when every secret is gone. */
    static String leak(CorpusCase c, String out) {
        for (String secret : c.secrets()) {
            if (out.contains(secret)) {
                return secret;
            }
            // The mask action may keep a public marker (ghp_, sk-svcacct-) right before "****".
            int kept = 0;
            for (int k = Math.min(MAX_KEPT_PREFIX, secret.length() - 1); k > 0; k--) {
                if (out.contains(secret.substring(0, k) + "****")) {
                    kept = k;
                    break;
                }
            }
            for (int i = 0; i + MIN_LEAK_WINDOW <= secret.length(); i++) {
                if (i + MIN_LEAK_WINDOW <= kept) {
                    continue;
                }
                String w = secret.substring(i, i + MIN_LEAK_WINDOW);
                if (out.contains(w)) {
                    return w;
                }
            }
        }
        return null;
    }
}
