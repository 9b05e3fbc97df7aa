package com.powerx.devhotload.masking.rules;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Load-time lint for rule-file regexes: rejects a quantified group that itself contains an unbounded quantifier
 * ({@code (a+)+}, {@code (\w*x)*}), the classic catastrophic-backtracking shape, unless the inner or outer
 * quantifier is possessive or the group is atomic. The runtime step budget of the regex detector is the backstop
 * for what this syntactic check cannot see.
 *
 * <p>One left-to-right pass; each construct (escape, character class, group open, group close, quantifier) has
 * its own step, which returns the index of the last character it consumed.
 */
final class RegexSafety {

    private final String regex;
    private final int n;
    /** Open groups, innermost first: {containsUnboundedQuantifier, atomic}. The bottom entry is the whole regex. */
    private final Deque<boolean[]> groups = new ArrayDeque<>();
    private boolean inClass;
    /** Set by the step that finds a nested unbounded quantifier. */
    private String problem;

    private RegexSafety(String regex) {
        this.regex = regex;
        this.n = regex.length();
        groups.push(new boolean[] {false, false});
    }

    /** Returns a description of the problem, or null when the pattern passes. */
    static String problem(String regex) {
        return new RegexSafety(regex).scan();
    }

    private String scan() {
        for (int i = 0; i < n; i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i = escape(i);
            } else if (inClass) {
                inClass = c != ']'; // nothing inside a class is a group or quantifier
            } else if (c == '[') {
                i = classStart(i);
            } else if (c == '(') {
                groups.push(new boolean[] {false, regex.startsWith("?>", i + 1)});
            } else if (c == ')') {
                if (groups.size() == 1) {
                    return null; // unbalanced: Pattern.compile reports it
                }
                i = groupEnd(i);
                if (problem != null) {
                    return problem;
                }
            } else {
                i = quantifier(i);
            }
        }
        return null;
    }

    /** An escaped character, or a whole {@code \Q...\E} quote: literal text, never a quantifier. */
    private int escape(int i) {
        if (i + 1 < n && regex.charAt(i + 1) == 'Q') {
            int end = regex.indexOf("\\E", i + 2);
            return end < 0 ? n : end + 1;
        }
        return i + 1;
    }

    /** Opens a character class; a ']' right after the '[' is a literal ({@code []a]}), not its end. */
    private int classStart(int i) {
        inClass = true;
        return i + 1 < n && regex.charAt(i + 1) == ']' ? i + 1 : i;
    }

    /** Closes the innermost group; a quantifier on it must not repeat an unbounded quantifier inside it. */
    private int groupEnd(int i) {
        boolean[] g = groups.pop();
        int q = quantifierEnd(regex, i + 1);
        if (q == i + 1) {
            if (g[0] && !g[1]) {
                groups.peek()[0] = true; // (a+) without a quantifier still makes the enclosing group unbounded
            }
            return i;
        }
        boolean unbounded = isUnbounded(regex, i + 1, q);
        boolean possessive = q < n && regex.charAt(q) == '+';
        if (unbounded && g[0] && !g[1] && !possessive) {
            problem = "nested unbounded quantifiers near position " + i
                    + " can backtrack catastrophically; make one possessive (*+, ++) or use (?>...)";
        }
        if (unbounded && !possessive) {
            groups.peek()[0] = true;
        }
        return q - 1;
    }

    /** A quantifier on a single character or class marks the enclosing group as unbounded. */
    private int quantifier(int i) {
        int q = quantifierEnd(regex, i);
        if (q > i && isUnbounded(regex, i, q) && !(q < n && regex.charAt(q) == '+')) {
            groups.peek()[0] = true;
            return q - 1;
        }
        return i;
    }

    /** End index of a quantifier starting at {@code i}, or {@code i} when there is none. */
    private static int quantifierEnd(String r, int i) {
        if (i >= r.length()) {
            return i;
        }
        char c = r.charAt(i);
        if (c == '*' || c == '+' || c == '?') {
            return i + 1;
        }
        if (c == '{') {
            int close = r.indexOf('}', i);
            if (close > i && r.substring(i + 1, close).matches("\\d+(,\\d*)?")) {
                return close + 1;
            }
        }
        return i;
    }

    private static boolean isUnbounded(String r, int s, int e) {
        char c = r.charAt(s);
        if (c == '*' || c == '+') {
            return true;
        }
        return c == '{' && r.charAt(e - 2) == ',';
    }
}
