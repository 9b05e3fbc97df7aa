package com.powerx.devhotload.masking;

import static org.assertj.core.api.Assertions.assertThat;

import com.powerx.devhotload.masking.corpus.CorpusCase;
import com.powerx.devhotload.masking.corpus.HardNegativeCorpus;
import com.powerx.devhotload.masking.corpus.SecretClassCorpus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recall per secret class over the classes added for issue #11 ({@link SecretClassCorpus}) and byte-for-byte
 * stability of their hard negatives ({@link HardNegativeCorpus}). A case counts as found only if every secret is gone
 * from the masked text and the verifier finds nothing in it. Prints the per-class table quoted in docs/masking.md.
 */
class SecretClassRecallTest {

    static final int PER_LAYOUT = 2;
    static final int NEGATIVES_PER_TEMPLATE = 8;

    static Map<String, List<CorpusCase>> classes;
    static List<CorpusCase> negatives;
    static MaskingEngine engine;

    @BeforeAll
    static void load() {
        engine = MaskingEngine.builder().hmacKey("class-corpus-key-0123456789").build();
        classes = SecretClassCorpus.generate(CorpusRecallTest.SEED, PER_LAYOUT);
        negatives = HardNegativeCorpus.generate(CorpusRecallTest.SEED, NEGATIVES_PER_TEMPLATE);
    }

    @Test
    void corpusHasTheSizeTheIssueAsksFor() {
        int positives = classes.values().stream().mapToInt(List::size).sum();
        assertThat(positives).isGreaterThanOrEqualTo(1000);
        assertThat(classes).hasSizeGreaterThanOrEqualTo(20);
        assertThat(negatives).hasSizeGreaterThanOrEqualTo(300);
    }

    @Test
    void everyClassIsFullyMasked() {
        List<String> misses = new ArrayList<>();
        StringBuilder table = new StringBuilder("| class | expected rule | cases | masked |\n|---|---|---|---|\n");
        int total = 0;
        int found = 0;
        for (Map.Entry<String, List<CorpusCase>> e : classes.entrySet()) {
            int ok = 0;
            for (CorpusCase c : e.getValue()) {
                String out = engine.mask(c.text()).text();
                String leak = CorpusRecallTest.leak(c, out);
                List<Finding> findings = engine.verifier().findings(out);
                if (leak == null && findings.isEmpty()) {
                    ok++;
                } else {
                    misses.add(c.source() + " leaked '" + leak + "' findings " + findings + "\n   in : " + c.text()
                            + "\n   out: " + out);
                }
            }
            table.append(String.format(Locale.ROOT, "| %s | `%s` | %d | %d |%n", e.getKey(), e.getValue().get(0).rule(),
                    e.getValue().size(), ok));
            total += e.getValue().size();
            found += ok;
        }
        System.out.print(table);
        System.out.printf(Locale.ROOT, "Class corpus: %d classes, recall %.2f%% (%d/%d)%n", classes.size(),
                100.0 * found / total, found, total);
        misses.stream().limit(60).forEach(m -> System.out.println("MISS " + m));
        assertThat(misses).isEmpty();
    }

    @Test
    void hardNegativesAreUntouchedAndClean() {
        List<String> altered = new ArrayList<>();
        for (CorpusCase c : negatives) {
            MaskResult r = engine.mask(c.text());
            if (!r.text().equals(c.text()) || !engine.verifier().isClean(c.text())) {
                altered.add(c.source() + " " + r.byRule() + "\n   in : " + c.text() + "\n   out: " + r.text());
            }
        }
        System.out.printf(Locale.ROOT, "Hard negatives: %d, altered %d%n", negatives.size(), altered.size());
        altered.stream().limit(60).forEach(a -> System.out.println("FP   " + a));
        assertThat(altered).isEmpty();
    }
}
