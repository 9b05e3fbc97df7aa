package com.powerx.devhotload.masking.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code netrc-password}: the {@code password} of {@code .netrc} entries ({@code machine api.heroku.com login me
 * password <key>}), where tokens are separated by blanks or line breaks rather than {@code =} or {@code :}. Only
 * within a {@code machine} (or {@code default}) entry, which is what tells this syntax from prose.
 */
public final class NetrcPasswordDetector implements Detector {

    public static final String ID = "netrc-password";
    private static final int MAX_ENTRY = 1024;
    private static final int MAX_TOKENS = 64;

    @Override
    public String ruleId() {
        return ID;
    }

    @Override
    public List<String> keywords() {
        return List.of("machine");
    }

    @Override
    public void scan(ScanContext ctx, HitList hits, MatchSink sink) {
        String t = ctx.text();
        int resume = 0;
        for (int h = 0; h < hits.size(); h++) {
            int at = hits.start(h);
            if (at < resume || (at > 0 && !Chars.isWhitespace(t.charAt(at - 1)))) {
                continue;
            }
            resume = entry(t, at, sink);
        }
    }

    /** Reads the tokens of one entry; masks the one after {@code password}. Returns the entry's end. */
    private static int entry(String t, int at, MatchSink sink) {
        int limit = (int) Math.min(t.length(), (long) at + MAX_ENTRY);
        List<int[]> tokens = tokens(t, at, limit);
        // "machine learning password policy" is prose: an entry names a host or has a login.
        boolean entry = tokens.size() >= 4 && is(t, tokens.get(0), "machine");
        if (!entry || !(hostLike(t, tokens.get(1)) || hasLogin(t, tokens))) {
            return at + 7;
        }
        for (int i = 2; i + 1 < tokens.size(); i++) {
            int[] tok = tokens.get(i);
            if (is(t, tok, "machine") || is(t, tok, "default")) {
                return tok[0];
            }
            if (is(t, tok, "password")) {
                FlagValues.emitValue(t, tokens.get(i + 1)[0], tokens.get(i + 1)[1], sink);
            }
        }
        return tokens.get(tokens.size() - 1)[1];
    }

    /** Whitespace-separated tokens, line breaks included: .netrc entries span lines. */
    private static List<int[]> tokens(String t, int from, int to) {
        List<int[]> out = new ArrayList<>();
        int i = from;
        while (i < to && out.size() < MAX_TOKENS) {
            while (i < to && Chars.isWhitespace(t.charAt(i))) {
                i++;
            }
            int s = i;
            while (i < to && !Chars.isWhitespace(t.charAt(i))) {
                i++;
            }
            if (i > s) {
                out.add(new int[] {s, i});
            }
        }
        return out;
    }

    private static boolean hostLike(String t, int[] tok) {
        return FlagValues.indexOf(t, '.', tok[0], tok[1]) > tok[0];
    }

    private static boolean hasLogin(String t, List<int[]> tokens) {
        return tokens.stream().anyMatch(tok -> is(t, tok, "login"));
    }

    private static boolean is(String t, int[] tok, String word) {
        return tok[1] - tok[0] == word.length() && Chars.regionMatches(t, tok[0], word);
    }
}
