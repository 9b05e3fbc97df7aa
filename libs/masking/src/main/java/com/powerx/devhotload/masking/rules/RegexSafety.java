package com.powerx.devhotload.masking.rules;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Load-time lint for rule-file regexes: rejects a quantified group that itself contains an unbounded quantifier
 * ({@code (a+)+}, {@code (\w*x)*}), the classic catastrophic-backtracking shape, unless the inner or outer
 * quantifier is possessive or the group is atomic. The runtime step budget of the regex detector is the backstop
 * for what this syntactic check cannot see.
 */
final class RegexSafety {

    private RegexSafety() {
    }

    /** Returns a description of the problem, or null when the pattern passes. */
    static String problem(String regex) {
        Deque<boolean[]> groups = new ArrayDeque<>(); // [containsUnboundedQuantifier, atomic]
        groups.push(new boolean[] {false, false});
        int n = regex.length();
        boolean inClass = false;
        for (int i = 0; i < n; i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                if (i + 1 < n && regex.charAt(i + 1) == 'Q') {
                    int end = regex.indexOf("\\E", i + 2);
                    i = end < 0 ? n : end + 1;
                } else {
                    i++;
                }
                continue;
            }
            if (inClass) {
                if (c == ']') {
                    inClass = false;
                }
                continue;
            }
            if (c == '[') {
                inClass = true;
                if (i + 1 < n && regex.charAt(i + 1) == ']') {
                    i++;
                }
                continue;
            }
            if (c == '(') {
                boolean atomic = regex.startsWith("?>", i + 1);
                groups.push(new boolean[] {false, atomic});
                continue;
            }
            if (c == ')') {
                if (groups.size() == 1) {
                    return null; // unbalanced: Pattern.compile reports it
                }
                boolean[] g = groups.pop();
                int q = quantifierEnd(regex, i + 1);
                if (q > i + 1) {
                    boolean unbounded = isUnbounded(regex, i + 1, q);
                    boolean possessive = q < n && regex.charAt(q) == '+';
                    if (unbounded && g[0] && !g[1] && !possessive) {
                        return "nested unbounded quantifiers near position " + i
                                + " can backtrack catastrophically; make one possessive (*+, ++) or use (?>...)";
                    }
                    if (unbounded && !possessive) {
                        groups.peek()[0] = true;
                    }
                    i = q - 1;
                } else if (g[0] && !g[1]) {
                    groups.peek()[0] = true;
                }
                continue;
            }
            int q = quantifierEnd(regex, i);
            if (q > i && isUnbounded(regex, i, q) && !(q < n && regex.charAt(q) == '+')) {
                groups.peek()[0] = true;
                i = q - 1;
            }
        }
        return null;
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
