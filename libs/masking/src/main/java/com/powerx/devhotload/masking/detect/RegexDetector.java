package com.powerx.devhotload.masking.detect;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rule-file regex patterns: custom rules and extra patterns of built-in rules. Patterns run line by line on lines
 * that contain one of the rule's keywords (all lines when it has none), under a step budget; a line that exhausts
 * the budget is redacted whole (fail closed) rather than left unscanned.
 *
 * <p>If the pattern has a group named {@code secret}, only that group is the secret; otherwise group 1 if present,
 * otherwise the whole match.
 */
public final class RegexDetector implements Detector {

    /** Character reads allowed per input character, plus a fixed allowance for short lines. */
    static final int BUDGET_PER_CHAR = 64;
    static final int BUDGET_BASE = 20_000;

    private final String ruleId;
    private final List<Pattern> patterns;
    private final List<String> keywords;

    /** A detector for {@code ruleId}; {@code keywords} (any case) pre-filter lines. */
    public RegexDetector(String ruleId, List<Pattern> patterns, List<String> keywords) {
        this.ruleId = ruleId;
        this.patterns = List.copyOf(patterns);
        this.keywords = keywords.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
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
    public boolean keywordGated() {
        return false;
    }

    @Override
    public boolean mayMatch(ScanContext ctx, boolean keywordHit) {
        return keywords.isEmpty() || keywordHit;
    }

    @Override
    public void scan(ScanContext ctx, HitList hits, MatchSink sink) {
        String t = ctx.text();
        int n = t.length();
        int h = 0;
        int lineStart = 0;
        while (lineStart <= n) {
            int lineEnd = t.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = n;
            }
            boolean run = keywords.isEmpty();
            while (h < hits.size() && hits.start(h) < lineEnd) {
                run |= hits.start(h) >= lineStart;
                h++;
            }
            if (run && lineEnd > lineStart) {
                scanLine(t, lineStart, lineEnd, sink);
            }
            if (lineEnd >= n) {
                break;
            }
            lineStart = lineEnd + 1;
        }
    }

    private void scanLine(String t, int from, int to, MatchSink sink) {
        int len = to - from;
        for (Pattern p : patterns) {
            BudgetedCharSequence seq = new BudgetedCharSequence(t, from, len, BUDGET_BASE + (long) BUDGET_PER_CHAR * len);
            Matcher m = p.matcher(seq);
            try {
                while (m.find()) {
                    int g = secretGroup(m);
                    int s = m.start(g);
                    int e = m.end(g);
                    if (s >= 0 && e > s) {
                        sink.add(from + s, from + e, 0);
                    }
                    if (m.end() == m.start() && m.end() >= len) {
                        break;
                    }
                }
            } catch (BudgetedCharSequence.BudgetExceeded exceeded) {
                sink.add(from, to, 0);
                return;
            }
        }
    }

    private static int secretGroup(Matcher m) {
        if (m.pattern().namedGroups().containsKey("secret")) {
            return m.pattern().namedGroups().get("secret");
        }
        return m.groupCount() >= 1 && m.start(1) >= 0 ? 1 : 0;
    }
}
