package com.powerx.devhotload.masking.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Passwords in command lines of known tools: the short flags of {@link CommandFlags}, and arguments that are
 * passwords by position ({@code htpasswd -b file user PASSWORD}, {@code sqlplus user/PASSWORD@db}). Long flags
 * ({@code --password}, {@code --db-pass}) are {@link LongPasswordFlags}' business.
 */
final class CommandLineSecrets {

    /** Commands whose password is a positional argument. */
    static final List<String> POSITIONAL = List.of("htpasswd", "sqlplus");
    /** Arguments read per command: bounds the work per keyword hit on hostile input ("curl curl curl ..."). */
    private static final int MAX_LINE = 2048;
    private static final int MAX_TOKENS = 128;

    private CommandLineSecrets() {
    }

    /** Whether a known command name starts at {@code at} (not inside a path or word such as {@code mongodb://}). */
    static boolean isCommandAt(String t, int at) {
        if (at > 0 && !commandBoundary(t.charAt(at - 1))) {
            return false;
        }
        int p = commandEnd(t, at);
        if (p < t.length() && !Chars.isWhitespace(t.charAt(p))) {
            return false;
        }
        String command = t.substring(at, p).toLowerCase(Locale.ROOT);
        return !CommandFlags.of(command).isEmpty() || POSITIONAL.contains(command);
    }

    private static int commandEnd(String t, int at) {
        int p = at;
        while (p < t.length() && (Chars.isWord(t.charAt(p)) || t.charAt(p) == '-' || t.charAt(p) == '.')) {
            p++;
        }
        return p;
    }

    /**
     * Scans the command starting at {@code at} whose arguments end before {@code limit}; returns the end of the part
     * of the line it consumed.
     */
    static int scan(String t, int at, int limit, MatchSink sink) {
        if (!isCommandAt(t, at)) {
            return at + 1;
        }
        int p = commandEnd(t, at);
        String command = t.substring(at, p).toLowerCase(Locale.ROOT);
        int le = Math.min(limit, Chars.lineEnd(t, p, MAX_LINE));
        List<int[]> tokens = tokenize(t, p, le);
        if (command.equals("htpasswd")) {
            htpasswd(t, tokens, sink);
        } else if (command.equals("sqlplus")) {
            sqlplus(t, tokens, sink);
        } else {
            flags(t, CommandFlags.of(command), tokens, sink);
        }
        return tokens.isEmpty() ? p : tokens.get(tokens.size() - 1)[1];
    }

    private static boolean commandBoundary(char b) {
        return Chars.isWhitespace(b) || b == '/' || b == '"' || b == '\'' || b == '`' || b == '(' || b == ';'
                || b == '|' || b == '&' || b == '$' || b == '>' || b == '\\';
    }

    private static void flags(String t, List<CommandFlags.Flag> flags, List<int[]> tokens, MatchSink sink) {
        if (flags.isEmpty()) {
            return;
        }
        boolean login = tokens.stream().anyMatch(tok -> tok[1] - tok[0] == 5 && Chars.regionMatches(t, tok[0], "login"));
        for (int i = 0; i < tokens.size(); i++) {
            int[] tok = tokens.get(i);
            int[] next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
            for (CommandFlags.Flag f : flags) {
                if (f.carrier() != CommandFlags.Carrier.LOGIN_NEXT || login) {
                    FlagValues.emit(t, f, tok, next, sink);
                }
            }
        }
    }

    /** {@code htpasswd -b[c] file user password}, {@code htpasswd -nb user password}: the last argument. */
    private static void htpasswd(String t, List<int[]> tokens, MatchSink sink) {
        boolean batch = false;
        int[] last = null;
        for (int[] tok : tokens) {
            if (t.charAt(tok[0]) == '-') {
                batch |= t.indexOf('b', tok[0]) >= 0 && t.indexOf('b', tok[0]) < tok[1];
            } else {
                last = tok;
            }
        }
        if (batch && last != null) {
            FlagValues.emitValue(t, last[0], last[1], sink);
        }
    }

    /** {@code sqlplus user/password@connect}: between the first '/' and '@' of the first argument. */
    private static void sqlplus(String t, List<int[]> tokens, MatchSink sink) {
        for (int[] tok : tokens) {
            if (t.charAt(tok[0]) == '-') {
                continue;
            }
            int slash = FlagValues.indexOf(t, '/', tok[0], tok[1]);
            if (slash > tok[0]) {
                int at = FlagValues.indexOf(t, '@', slash, tok[1]);
                FlagValues.emitValue(t, slash + 1, at < 0 ? tok[1] : at, sink);
            }
            return;
        }
    }

    /** Whitespace-separated tokens; a quoted token runs to its closing quote. Stops at shell separators. */
    static List<int[]> tokenize(String t, int from, int to) {
        List<int[]> out = new ArrayList<>();
        int i = from;
        while (i < to && out.size() < MAX_TOKENS) {
            while (i < to && Chars.isBlank(t.charAt(i))) {
                i++;
            }
            if (i >= to || t.charAt(i) == '|' || t.charAt(i) == ';' || t.charAt(i) == '&') {
                break;
            }
            int s = i;
            i = tokenEnd(t, i, to);
            out.add(new int[] {s, i});
        }
        return out;
    }

    private static int tokenEnd(String t, int i, int to) {
        char c = t.charAt(i);
        if (FlagValues.isQuote(c)) {
            int close = FlagValues.indexOf(t, c, i + 1, to);
            return close < 0 ? to : close + 1;
        }
        while (i < to && !Chars.isBlank(t.charAt(i))) {
            if (FlagValues.isQuote(t.charAt(i))) { // -p'secret' or --user="u:p"
                int close = FlagValues.indexOf(t, t.charAt(i), i + 1, to);
                i = close < 0 ? to : close;
            }
            i = Math.min(to, i + 1);
        }
        return i;
    }
}
