package com.powerx.devhotload.masking.structured;

import com.powerx.devhotload.masking.MaskResult;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.events.Event;

/**
 * Masks YAML by editing the original text in place, using SnakeYAML parse events for scalar positions: changed
 * scalars are rewritten as double-quoted scalars (anchors and tags kept), comments are masked as free text, and
 * everything else stays byte-for-byte identical. The result is re-parsed to prove it is still valid YAML.
 */
public final class YamlMasker {

    /** Deeper documents are masked as free text; real configuration is nowhere near this deep. */
    static final int MAX_DEPTH = 128;

    private final ValueMasker masker;

    /** A masker using {@code masker} for values. */
    public YamlMasker(ValueMasker masker) {
        this.masker = masker;
    }

    /** Masked document, or empty when {@code yaml} is not valid YAML. */
    public Optional<MaskResult> mask(String yaml) {
        RedactionTally tally = new RedactionTally();
        ScalarPolicy policy = new ScalarPolicy(masker, tally);
        YamlEventWalk walk = new YamlEventWalk(yaml, policy);
        try {
            for (Event ev : new Yaml(options()).parse(new StringReader(yaml))) {
                if (!walk.accept(ev)) {
                    return Optional.empty(); // pathological nesting: SnakeYAML slows down quadratically
                }
            }
        } catch (RuntimeException invalid) {
            return Optional.empty();
        }
        List<Replacement> edits = walk.edits();
        maskComments(yaml, walk.covered(), policy, edits);
        String out = edits.isEmpty() ? yaml : Replacement.apply(yaml, edits);
        if (!edits.isEmpty() && !parses(out)) {
            return Optional.empty();
        }
        return Optional.of(new MaskResult(out, tally.total(), tally.byRule()));
    }

    private static LoaderOptions options() {
        LoaderOptions o = new LoaderOptions();
        o.setCodePointLimit(Integer.MAX_VALUE);
        o.setMaxAliasesForCollections(1000);
        o.setProcessComments(false);
        return o;
    }

    private static boolean parses(String yaml) {
        try {
            for (Event ignored : new Yaml(options()).parse(new StringReader(yaml))) {
                // drain
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Comments live between scalars; each is masked as free text on its own line. */
    private static void maskComments(String yaml, List<int[]> covered, ScalarPolicy policy, List<Replacement> edits) {
        if (yaml.indexOf('#') < 0) {
            return;
        }
        covered.sort((a, b) -> Integer.compare(a[0], b[0]));
        int ci = 0;
        int n = yaml.length();
        int i = 0;
        while (i < n) {
            while (ci < covered.size() && covered.get(ci)[1] <= i) {
                ci++;
            }
            if (ci < covered.size() && covered.get(ci)[0] <= i) {
                i = covered.get(ci)[1];
                continue;
            }
            char c = yaml.charAt(i);
            if (c == '#' && (i == 0 || Character.isWhitespace(yaml.charAt(i - 1)))) {
                int end = i;
                while (end < n && yaml.charAt(end) != '\n' && yaml.charAt(end) != '\r') {
                    end++;
                }
                String comment = yaml.substring(i + 1, end);
                String r = policy.replace(ScalarPolicy.KeyKind.NONE, comment);
                if (r != null && r.indexOf('\n') < 0) {
                    edits.add(new Replacement(i + 1, end, r));
                }
                i = end;
                continue;
            }
            i++;
        }
    }
}
