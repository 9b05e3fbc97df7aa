package com.powerx.devhotload.masking.detect;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code auth-header}: credentials of {@code Authorization} / {@code Proxy-Authorization} headers in any
 * notation (raw HTTP, JSON, curl {@code -H}, {@code key=value}), and bare {@code Bearer <token>} /
 * {@code Basic <base64>} credentials. Header name and scheme stay readable.
 */
public final class AuthHeaderDetector implements Detector {

    public static final String ID = "auth-header";
    private static final int MAX_HEADER = 8192;
    private static final List<String> KEYWORDS = List.of(
            "authorization", "bearer ", "basic ", "negotiate ", "ntlm ");
    /** Schemes whose credentials are a single token. */
    private static final Set<String> TOKEN_SCHEMES = Set.of(
            "bearer", "basic", "token", "apikey", "api-key", "key", "dpop", "negotiate", "ntlm", "ssws", "pat", "bot",
            "jwt", "sso-key", "splunk", "otoy", "gosessionid", "klaviyo-api-key");
    /** Schemes whose credentials are a parameter list running to the end of the header. */
    private static final Set<String> PARAM_SCHEMES = Set.of(
            "digest", "aws4-hmac-sha256", "oauth", "sharedkey", "sharedkeylite", "hoba", "mutual", "vapid",
            "scram-sha-256", "scram-sha-1", "hmac", "signature", "hawk", "aws");

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
        int resume = 0;
        for (int h = 0; h < hits.size(); h++) {
            int at = hits.start(h);
            if (at < resume) {
                continue;
            }
            int end = hits.keyword(h) == 0 ? header(t, at, sink) : bare(t, at, hits.keyword(h), sink);
            resume = Math.max(resume, end);
        }
    }

    private static int header(String t, int at, MatchSink sink) {
        int n = t.length();
        int p = at + 13;
        if (at > 0 && Chars.isAlnum(t.charAt(at - 1))) {
            return p;
        }
        if (p < n && (Chars.isWord(t.charAt(p)) || (t.charAt(p) == '-' && p + 1 < n && Chars.isLetter(t.charAt(p + 1))))) {
            return p; // authorization_code, authorizationUrl...
        }
        char open = at > 0 ? t.charAt(at - 1) : 0;
        boolean quotedName = false;
        if ((open == '"' || open == '\'') && p < n && t.charAt(p) == open) {
            p++;
            quotedName = true;
        } else if (open == '"' && at > 1 && t.charAt(at - 2) == '\\' && Chars.regionMatches(t, p, "\\\"")) {
            p += 2;
        }
        p = KeyValueScanner.skipBlanks(t, p);
        // header("Authorization", "Bearer x") in code: a quoted name, a comma, the value.
        boolean separator = p < n && (t.charAt(p) == ':' || t.charAt(p) == '=' || (quotedName && t.charAt(p) == ','));
        if (!separator) {
            return p;
        }
        p = KeyValueScanner.skipBlanks(t, p + 1);
        if (p < n && t.charAt(p) == '[') {
            p = KeyValueScanner.skipBlanks(t, p + 1); // multi-valued header maps: {Authorization=[Bearer x]}
        }
        char q = 0;
        if (p < n && (t.charAt(p) == '"' || t.charAt(p) == '\'')) {
            q = t.charAt(p++);
        } else if (Chars.regionMatches(t, p, "\\\"")) {
            q = '\\';
            p += 2;
        }
        int regionEnd = regionEnd(t, p, q);
        // The header value is consumed whole: later keyword hits inside it are not new headers.
        return Math.max(regionEnd, credentials(t, p, regionEnd, q != 0, sink));
    }

    /** End of the header value: closing quote, or end of line. */
    private static int regionEnd(String t, int p, char q) {
        int n = (int) Math.min(t.length(), (long) p + MAX_HEADER);
        int i = p;
        while (i < n) {
            char c = t.charAt(i);
            if (c == '\n' || c == '\r') {
                break;
            }
            if (q == '\\' && c == '\\' && i + 1 < n && t.charAt(i + 1) == '"') {
                break;
            }
            if (q != 0 && q != '\\' && c == q) {
                break;
            }
            i++;
        }
        return i;
    }

    private static int credentials(String t, int p, int regionEnd, boolean quoted, MatchSink sink) {
        int w = p;
        while (w < regionEnd && (Chars.isAlnum(t.charAt(w)) || t.charAt(w) == '-')) {
            w++;
        }
        String scheme = t.substring(p, w).toLowerCase(Locale.ROOT);
        int s;
        int e;
        if (w < regionEnd && Chars.isBlank(t.charAt(w)) && PARAM_SCHEMES.contains(scheme)) {
            s = KeyValueScanner.skipBlanks(t, w);
            e = regionEnd;
        } else if (w < regionEnd && Chars.isBlank(t.charAt(w)) && TOKEN_SCHEMES.contains(scheme)) {
            s = KeyValueScanner.skipBlanks(t, w);
            e = tokenEnd(t, s, regionEnd);
        } else {
            s = p;
            e = quoted ? regionEnd : tokenEnd(t, s, regionEnd);
        }
        while (e > s && Chars.isBlank(t.charAt(e - 1))) {
            e--;
        }
        if (e > s && !NonSecretValues.isNonSecret(t, s, e)) {
            sink.add(s, e, 0);
        }
        return Math.max(e, p);
    }

    private static int tokenEnd(String t, int s, int limit) {
        int e = s;
        while (e < limit) {
            char c = t.charAt(e);
            if (Chars.isWhitespace(c) || c == '"' || c == '\'' || c == ',' || c == ';' || c == '<' || c == '>'
                    || c == '\\' || c == '&' || c == ')' || c == '}' || c == ']') {
                break;
            }
            e++;
        }
        return e;
    }

    /** "Bearer abc..." without a header name: only clearly credential-shaped tokens. */
    private static int bare(String t, int at, int kw, MatchSink sink) {
        int n = t.length();
        int p = at + KEYWORDS.get(kw).length();
        if (at > 0 && Chars.isAlnum(t.charAt(at - 1))) {
            return p;
        }
        p = KeyValueScanner.skipBlanks(t, p);
        int e = tokenEnd(t, p, n);
        if (e - p < 8) {
            return p;
        }
        boolean credential = kw == 2 ? isBasicCredential(t, p, e) : isBearerToken(t, p, e);
        if (credential && !NonSecretValues.isNonSecret(t, p, e)) {
            sink.add(p, e, 0);
        }
        return e;
    }

    /**
     * A bearer credential rather than a word after "Bearer" ("Bearer token-based auth"): an RFC 6750 b64token
     * with letters and a digit, or of mixed case with token punctuation ({@code . - _ ~ + /}) or 20+ characters.
     */
    private static boolean isBearerToken(String t, int s, int e) {
        if (!isB64Token(t, s, e)) {
            return false;
        }
        int cls = Entropy.classes(t, s, e);
        boolean letters = (cls & (Entropy.LOWER | Entropy.UPPER)) != 0;
        boolean mixedCase = (cls & (Entropy.LOWER | Entropy.UPPER)) == (Entropy.LOWER | Entropy.UPPER);
        boolean digit = (cls & Entropy.DIGIT) != 0;
        return letters && (digit || (mixedCase && ((cls & Entropy.OTHER) != 0 || e - s >= 20)));
    }

    /** Base64 of {@code user:password}. */
    static boolean isBasicCredential(String t, int s, int e) {
        if ((e - s) % 4 != 0 || e - s > 4096) {
            return false;
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(t.substring(s, e));
            for (byte b : decoded) {
                if (b == ':') {
                    return true;
                }
            }
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        return false;
    }

    /** RFC 6750 b64token: {@code [A-Za-z0-9-._~+/]+=*}; rules out "expires_in=3600" and prose. */
    private static boolean isB64Token(String t, int s, int e) {
        int i = s;
        while (i < e && (Chars.isAlnum(t.charAt(i)) || "-._~+/".indexOf(t.charAt(i)) >= 0)) {
            i++;
        }
        while (i < e && t.charAt(i) == '=') {
            i++;
        }
        return i == e;
    }
}
