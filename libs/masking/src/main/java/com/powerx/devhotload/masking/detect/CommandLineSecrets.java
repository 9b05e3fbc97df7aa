package com.powerx.devhotload.masking.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * Short command-line flags that carry a password. Only flags whose meaning is unambiguous for the given
 * command are handled ({@code -p} is a password for {@code sshpass} but a database name for {@code mysql -p db}).
 */
final class CommandLineSecrets {

    private static final java.util.Set<String> COMMANDS = java.util.Set.of(
            "mysql", "mysqldump", "mysqladmin", "mysqlimport", "mysqlshow", "mariadb", "mariadb-dump", "sshpass",
            "redis-cli", "curl", "docker", "podman", "nerdctl", "helm", "openssl", "ldapsearch", "ldapmodify",
            "ldapadd", "ldapdelete", "ldapwhoami", "ldappasswd");

    private CommandLineSecrets() {
    }

    /** Scans the command starting at {@code at}; returns the position up to which the line was consumed. */
    static int scan(String t, int at, String keyword, MatchSink sink) {
        int n = t.length();
        if (at > 0) {
            char b = t.charAt(at - 1);
            if (!(Chars.isWhitespace(b) || b == '/' || b == '"' || b == '\'' || b == '`' || b == '(' || b == ';'
                    || b == '|' || b == '&' || b == '$' || b == '>')) {
                return at + keyword.length();
            }
        }
        int p = at;
        while (p < n && (Chars.isWord(t.charAt(p)) || t.charAt(p) == '-' || t.charAt(p) == '.')) {
            p++;
        }
        String command = t.substring(at, p).toLowerCase(java.util.Locale.ROOT);
        if (!COMMANDS.contains(command) || (p < n && !Chars.isWhitespace(t.charAt(p)))) {
            return p;
        }
        int le = Chars.lineEnd(t, p, 4096);
        List<int[]> tokens = tokenize(t, p, le);
        boolean mysql = command.startsWith("mysql") || command.startsWith("mariadb");
        boolean login = false;
        for (int[] tok : tokens) {
            if (Chars.regionMatches(t, tok[0], "login") && tok[1] - tok[0] == 5) {
                login = true;
            }
        }
        for (int i = 0; i < tokens.size(); i++) {
            int s = tokens.get(i)[0];
            int e = tokens.get(i)[1];
            String flag = e - s <= 16 ? t.substring(s, e) : "";
            int[] next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
            if (mysql && e - s > 2 && t.charAt(s) == '-' && t.charAt(s + 1) == 'p' && t.charAt(s + 2) != '-') {
                emit(t, s + 2, e, sink);
            } else if (next == null) {
                continue;
            } else if (command.equals("sshpass") && flag.equals("-p")) {
                emit(t, next[0], next[1], sink);
            } else if (command.startsWith("ldap") && flag.equals("-w")) {
                emit(t, next[0], next[1], sink);
            } else if (command.equals("redis-cli") && flag.equals("-a")) {
                emit(t, next[0], next[1], sink);
            } else if (login && flag.equals("-p")) {
                emit(t, next[0], next[1], sink);
            } else if (command.equals("curl") && (flag.equals("-u") || flag.equals("--user") || flag.equals("-U")
                    || flag.equals("--proxy-user"))) {
                int colon = indexOf(t, ':', next[0], next[1]);
                if (colon > 0) {
                    emit(t, colon + 1, next[1], sink);
                }
            } else if (command.equals("openssl") && (flag.equals("-pass") || flag.equals("-passin")
                    || flag.equals("-passout") || flag.equals("-k"))) {
                int vs = next[0];
                if (isQuote(t.charAt(vs))) {
                    vs++;
                }
                if (Chars.regionMatches(t, vs, "pass:")) {
                    emit(t, vs + 5, next[1], sink);
                } else if (flag.equals("-k")) {
                    emit(t, next[0], next[1], sink);
                }
            }
        }
        return le;
    }

    private static void emit(String t, int s, int e, MatchSink sink) {
        if (s < e && isQuote(t.charAt(s))) {
            s++;
        }
        if (e > s && isQuote(t.charAt(e - 1))) {
            e--;
        }
        if (e > s && !NonSecretValues.isNonSecret(t, s, e)) {
            sink.add(s, e, 0);
        }
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'';
    }

    private static int indexOf(String t, char c, int s, int e) {
        for (int i = s; i < e; i++) {
            if (t.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    /** Whitespace-separated tokens; a quoted token runs to its closing quote. Stops at shell separators. */
    private static List<int[]> tokenize(String t, int from, int to) {
        List<int[]> out = new ArrayList<>();
        int i = from;
        while (i < to && out.size() < 256) {
            while (i < to && Chars.isBlank(t.charAt(i))) {
                i++;
            }
            if (i >= to) {
                break;
            }
            char c = t.charAt(i);
            if (c == '|' || c == ';' || c == '&') {
                break;
            }
            int s = i;
            if (isQuote(c)) {
                i++;
                while (i < to && t.charAt(i) != c) {
                    i++;
                }
                i = Math.min(to, i + 1);
            } else {
                while (i < to && !Chars.isBlank(t.charAt(i))) {
                    if (isQuote(t.charAt(i))) { // -p'secret' or --user="u:p"
                        char q = t.charAt(i);
                        i++;
                        while (i < to && t.charAt(i) != q) {
                            i++;
                        }
                    }
                    i = Math.min(to, i + 1);
                }
            }
            out.add(new int[] {s, i});
        }
        return out;
    }
}
