package com.powerx.devhotload.masking.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Vendor tokens with a public prefix (GitHub, GitLab, Slack, Stripe, npm, PyPI, OpenAI, Anthropic, AWS key ids,
 * GCP API keys and the catalogue in {@link VendorTokens}). The keyword scan finds the prefix; the body is then
 * checked against the format.
 */
public final class PrefixTokenDetector implements Detector {

    private final String ruleId;
    private final List<TokenFormat> formats;
    private final List<String> keywords;

    /** A detector for {@code ruleId} accepting any of {@code formats}. */
    public PrefixTokenDetector(String ruleId, List<TokenFormat> formats) {
        this.ruleId = ruleId;
        List<TokenFormat> sorted = new ArrayList<>(formats);
        // Longest prefix first so "sk-proj-" wins over "sk-" at the same position.
        sorted.sort(Comparator.comparingInt((TokenFormat f) -> f.prefix().length()).reversed());
        this.formats = List.copyOf(sorted);
        Set<String> kws = new LinkedHashSet<>();
        for (TokenFormat f : formats) {
            kws.add(f.prefix().toLowerCase(Locale.ROOT));
        }
        this.keywords = List.copyOf(kws);
    }

    @Override
    public String ruleId() {
        return ruleId;
    }

    @Override
    public List<String> keywords() {
        return keywords;
    }

    @Override
    public void scan(ScanContext ctx, HitList hits, MatchSink sink) {
        String t = ctx.text();
        int resume = 0;
        // Per format: the last body run scanned; a later start inside it ends at the same place, so each run is
        // read once even when the prefix repeats ("sk-sk-sk-...").
        int[] runFrom = new int[formats.size()];
        int[] runEnd = new int[formats.size()];
        java.util.Arrays.fill(runFrom, -1);
        for (int h = 0; h < hits.size(); h++) {
            int at = hits.start(h);
            if (at < resume || (at > 0 && Chars.isWord(t.charAt(at - 1)))) {
                continue;
            }
            for (int fi = 0; fi < formats.size(); fi++) {
                TokenFormat f = formats.get(fi);
                int end = match(t, at, f, runFrom, runEnd, fi);
                if (end > 0) {
                    sink.add(at, end, f.keep());
                    resume = end;
                    break;
                }
            }
        }
    }

    /** End of the token at {@code at} in format {@code f}, or -1. */
    private static int match(String t, int at, TokenFormat f, int[] runFrom, int[] runEnd, int fi) {
        if (!Chars.regionMatches(t, at, f.prefix())) {
            return -1;
        }
        int n = t.length();
        int s = at + f.prefix().length();
        int p;
        if (runFrom[fi] >= 0 && s >= runFrom[fi] && s <= runEnd[fi]) {
            p = runEnd[fi];
        } else {
            p = s;
            while (p < n && f.alphabet().accepts(t.charAt(p))) {
                p++;
            }
            runFrom[fi] = s;
            runEnd[fi] = p;
        }
        int e = p;
        // A sentence-ending dot is not part of a dotted token body.
        while (e > s && f.alphabet().trimsTrailing(t.charAt(e - 1))) {
            e--;
        }
        int len = e - s;
        if (len < f.minBody() || len > f.maxBody()) {
            return -1;
        }
        if (e < n && Chars.isAlnum(t.charAt(e))) {
            return -1;
        }
        if (f.classes() != 0 && (Entropy.classes(t, s, e) & f.classes()) != f.classes()) {
            return -1;
        }
        return e;
    }
}
