package com.powerx.devhotload.masking.detect;

import java.util.List;

/**
 * {@code db-connection-string}: passwords in database URLs ({@code postgres://u:p@h}, {@code mongodb+srv://...}),
 * JDBC URLs ({@code ?password=}, {@code ;password=}, Oracle thin {@code user/pass@}) and ADO.NET/ODBC
 * connection strings ({@code Server=..;Password=..}).
 */
public final class DbConnectionStringDetector implements Detector {

    public static final String ID = "db-connection-string";

    private static final int URL = 0;
    private static final int JDBC = 1;
    private static final List<String> KEYWORDS = List.of("://", "jdbc:", "password=", "pwd=");
    /** Keys that make a {@code a=b;c=d} string a connection string. */
    private static final String[] CONTEXT_KEYS = {
        "server=", "data source=", "host=", "hostname=", "database=", "initial catalog=", "user id=", "uid=",
        "driver=", "dsn=", "address=", "username=", "user=", "dbname=", "port=", "addr=", "network address="
    };
    private static final int CONTEXT_WINDOW = 512;
    private static final int MAX_URL = 4096;

    @Override
    public String ruleId() {
        return ID;
    }

    @Override
    public List<String> keywords() {
        return KEYWORDS;
    }

    @Override
    public void scan(ScanContext ctx, HitList hits, MatchSink sink) {
        String t = ctx.text();
        UrlAuthority url = new UrlAuthority();
        int resume = 0;
        int windowStart = -1;
        int windowEnd = -1;
        boolean windowIsConnectionString = false;
        for (int h = 0; h < hits.size(); h++) {
            int at = hits.start(h);
            int kw = hits.keyword(h);
            if (kw == URL) {
                if (url.parse(t, at) && UrlCredentialsDetector.DB_SCHEMES.contains(url.scheme)) {
                    if (url.hasPassword() && !NonSecretValues.isNonSecret(t, url.passwordStart, url.passwordEnd)) {
                        sink.add(url.passwordStart, url.passwordEnd, 0);
                    }
                    resume = Math.max(resume, queryPasswords(t, url.authorityStart, sink));
                }
            } else if (kw == JDBC) {
                resume = Math.max(resume, jdbc(t, at, sink));
            } else if (at >= resume) {
                // Password=... counts only inside an a=b;c=d string with a connection-string key (Server=, Host=...).
                if (at >= windowEnd) {
                    windowStart = windowStart(t, at);
                    windowEnd = windowEnd(t, at);
                    windowIsConnectionString = isConnectionString(t, windowStart, windowEnd);
                }
                if (windowIsConnectionString) {
                    resume = Math.max(resume, adoPassword(t, at, KEYWORDS.get(kw).length(), sink));
                }
            }
        }
    }

    private static boolean isBoundary(char c) {
        return c == '\n' || c == '\r' || c == '"' || c == '\'' || c == '`';
    }

    private static int windowStart(String t, int at) {
        int i = at;
        int limit = Math.max(0, at - CONTEXT_WINDOW);
        while (i > limit && !isBoundary(t.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    private static int windowEnd(String t, int at) {
        int n = t.length();
        int i = at;
        int limit = Math.min(n, at + CONTEXT_WINDOW);
        while (i < limit && !isBoundary(t.charAt(i))) {
            i++;
        }
        return Math.max(i, at + 1);
    }

    /** Has a ';' and a segment starting with a connection-string key. */
    private static boolean isConnectionString(String t, int s, int e) {
        boolean semicolon = false;
        boolean key = false;
        boolean segmentStart = true;
        for (int i = s; i < e; i++) {
            char c = t.charAt(i);
            if (c == ';') {
                semicolon = true;
                segmentStart = true;
                continue;
            }
            if (segmentStart && c != ' ' && c != '\t') {
                segmentStart = false;
                if (!key) {
                    for (String k : CONTEXT_KEYS) {
                        if (Chars.regionMatchesLower(t, i, k)) {
                            key = true;
                            break;
                        }
                    }
                }
            }
        }
        return semicolon && key;
    }

    /** {@code Password=value} inside {@code a=b;c=d} strings; values may be {@code {braced}} or quoted. */
    private static int adoPassword(String t, int at, int kwLen, MatchSink sink) {
        if (at > 0) {
            char b = t.charAt(at - 1);
            if (!(b == ';' || b == ' ' || b == '"' || b == '\'' || b == '\t' || b == '?' || b == '&' || b == '=')) {
                return at;
            }
        }
        int n = t.length();
        int s = at + kwLen;
        int e;
        if (s < n && t.charAt(s) == '{') {
            s++;
            e = s;
            while (e < n && t.charAt(e) != '}' && t.charAt(e) != '\n') {
                e++;
            }
        } else if (s < n && (t.charAt(s) == '\'' || t.charAt(s) == '"')) {
            char q = t.charAt(s++);
            e = s;
            while (e < n && t.charAt(e) != q && t.charAt(e) != '\n') {
                e++;
            }
        } else {
            e = s;
            while (e < n) {
                char c = t.charAt(e);
                if (c == ';' || c == '&' || c == '"' || c == '\'' || Chars.isWhitespace(c)) {
                    break;
                }
                e++;
            }
        }
        if (e > s && !NonSecretValues.isNonSecret(t, s, e)) {
            sink.add(s, e, 0);
        }
        return e;
    }

    /** {@code ?password=x&...} or {@code ;password=x;...} after a database URL's authority. */
    private static int queryPasswords(String t, int from, MatchSink sink) {
        int n = t.length();
        int limit = Math.min(n, from + MAX_URL);
        int i = from;
        while (i < limit) {
            char c = t.charAt(i);
            if (Chars.isWhitespace(c) || c == '"' || c == '\'' || c == '<' || c == '>' || c == '`') {
                break;
            }
            if ((c == '?' || c == '&' || c == ';')) {
                int p = i + 1;
                int len = Chars.regionMatchesLower(t, p, "password=") ? 9
                        : Chars.regionMatchesLower(t, p, "pwd=") ? 4
                        : Chars.regionMatchesLower(t, p, "pass=") ? 5 : 0;
                if (len > 0) {
                    int e = adoPassword(t, p, len, sink);
                    i = Math.max(e, i + 1);
                    continue;
                }
            }
            i++;
        }
        return i;
    }

    /** JDBC forms without {@code ://}: Oracle thin {@code user/pass@host} and {@code jdbc:h2:...;PASSWORD=x}. */
    private static int jdbc(String t, int at, MatchSink sink) {
        int n = t.length();
        int p = at + 5;
        if (Chars.regionMatchesLower(t, p, "oracle:thin:")) {
            p += 12;
            if (p < n && t.charAt(p) != '@') {
                int slash = -1;
                int i = p;
                while (i < n && i - p < 256) {
                    char c = t.charAt(i);
                    if (c == '/' && slash < 0) {
                        slash = i;
                    } else if (c == '@') {
                        break;
                    } else if (Chars.isWhitespace(c) || c == '"' || c == '\'') {
                        i = -1;
                        break;
                    }
                    i++;
                }
                if (i > 0 && i < n && t.charAt(i) == '@' && slash > 0 && i > slash + 1) {
                    if (!NonSecretValues.isNonSecret(t, slash + 1, i)) {
                        sink.add(slash + 1, i, 0);
                    }
                    return i;
                }
            }
            return p;
        }
        int i = p;
        while (i < n && i - p < MAX_URL && !Chars.isWhitespace(t.charAt(i))) {
            if (Chars.regionMatches(t, i, "://")) {
                return p; // handled by the URL branch
            }
            i++;
        }
        return queryPasswords(t, p, sink);
    }
}
