package com.powerx.devhotload.masking.detect;

import java.util.Set;

/**
 * Parses "key → separator → value" around a keyword hit, in the syntaxes secrets appear in: log
 * {@code key=value}, {@code .env}, properties, query strings, JSON/Python/Ruby literals, YAML (including block
 * scalars), XML elements and attributes, HTTP headers, CLI flags and name/value pairs such as Kubernetes
 * {@code - name: DB_PASSWORD / value: x}.
 *
 * <p>Results are left in public fields to avoid allocating per hit; one instance per scan call.
 * Every loop is bounded or advances monotonically, so hostile input stays linear.
 */
public final class KeyValueScanner {

    static final int MAX_KEY = 128;
    private static final int MAX_BLANKS = 8;
    private static final int MAX_XML_VALUE = 64 * 1024;
    private static final int MAX_LIST = 1024;
    private static final Set<String> NAME_KEYS = Set.of(
            "name", "key", "id", "variable", "var", "env", "param", "parameter", "field", "setting", "property");

    /** Key name without leading CLI dashes. */
    public int keyStart;
    public int keyEnd;
    /** End of the raw key token; callers resume scanning here. */
    public int tokenEnd;
    public int dashes;
    public int valueStart;
    public int valueEnd;
    /** '=', ':', '>' (XML element), ' ' (CLI flag) or 'n' (name/value pair). */
    public char sep;
    public boolean quoted;

    /**
     * Locates the key token containing the keyword at {@code [hitStart, hitEnd)} without going left of
     * {@code floor}. Returns false (with {@link #tokenEnd} set) when the token is too long to be a key.
     */
    public boolean findKey(String t, int hitStart, int hitEnd, int floor) {
        int n = t.length();
        int s = hitStart;
        while (s > floor && Chars.isKeyChar(t.charAt(s - 1))) {
            s--;
            if (hitStart - s > MAX_KEY) {
                break;
            }
        }
        int e = hitEnd;
        while (e < n && Chars.isKeyChar(t.charAt(e))) {
            e++;
        }
        tokenEnd = e;
        if (e - s > MAX_KEY || (s > floor && Chars.isKeyChar(t.charAt(s - 1)))) {
            return false;
        }
        int d = 0;
        while (s + d < e && t.charAt(s + d) == '-') {
            d++;
        }
        dashes = d;
        keyStart = s + d;
        int ke = e;
        while (ke > keyStart && (t.charAt(ke - 1) == '.' || t.charAt(ke - 1) == '-')) {
            ke--;
        }
        keyEnd = ke;
        return keyEnd > keyStart;
    }

    /** Parses separator and value after the key found by {@link #findKey}. */
    public boolean parseValue(String t) {
        int n = t.length();
        int open = keyStart - dashes - 1;
        char q = open >= 0 ? t.charAt(open) : 0;
        int p = keyEnd;
        boolean quotedKey = false;
        if ((q == '"' || q == '\'') && p < n && t.charAt(p) == q) {
            quotedKey = true;
            p++;
        } else if (q == '"' && open > 0 && t.charAt(open - 1) == '\\' && p + 1 < n && t.charAt(p) == '\\'
                && t.charAt(p + 1) == '"') {
            quotedKey = true; // key of JSON embedded in a JSON string: {\"password\":\"x\"}
            p += 2;
        } else if (q == '<' && p < n && t.charAt(p) == '>' && dashes == 0) {
            return xmlElement(t, p + 1);
        }
        if (quotedKey && p < n && t.charAt(p) == ']') {
            p++; // os.environ["PASSWORD"] = ...
        }
        return afterKey(t, p, !quotedKey && dashes > 0);
    }

    /**
     * Name/value pairs: the secret-looking key is itself the value of a {@code name}-like field and the secret
     * is in a sibling {@code value} field, on the same line or the next one.
     */
    public boolean parseNameValue(String t) {
        int n = t.length();
        int i = keyStart - dashes - 1;
        if (i >= 0 && (t.charAt(i) == '"' || t.charAt(i) == '\'')) {
            i--;
        }
        i = skipBlanksBack(t, i);
        if (i < 0 || (t.charAt(i) != ':' && t.charAt(i) != '=')) {
            return false;
        }
        i = skipBlanksBack(t, i - 1);
        if (i >= 0 && (t.charAt(i) == '"' || t.charAt(i) == '\'')) {
            i--;
        }
        int wordEnd = i + 1;
        while (i >= 0 && Chars.isLetter(t.charAt(i)) && wordEnd - i <= 12) {
            i--;
        }
        String word = t.substring(i + 1, wordEnd).toLowerCase(java.util.Locale.ROOT);
        if (!NAME_KEYS.contains(word)) {
            return false;
        }
        int p = keyEnd;
        if (p < n && (t.charAt(p) == '"' || t.charAt(p) == '\'')) {
            p++;
        }
        p = skipBlanks(t, p);
        if (p < n && (t.charAt(p) == ',' || t.charAt(p) == ';')) {
            p = skipBlanks(t, p + 1);
        }
        if (p < n && (t.charAt(p) == '\r')) {
            p++;
        }
        if (p < n && t.charAt(p) == '\n') {
            p = skipBlanks(t, p + 1);
        }
        if (p < n && (t.charAt(p) == '"' || t.charAt(p) == '\'')) {
            p++;
        }
        if (!Chars.regionMatchesLower(t, p, "value")) {
            return false;
        }
        p += 5;
        if (p < n && Chars.isKeyChar(t.charAt(p))) {
            return false;
        }
        if (p < n && (t.charAt(p) == '"' || t.charAt(p) == '\'')) {
            p++;
        }
        if (!afterKey(t, p, false)) {
            return false;
        }
        sep = 'n';
        return true;
    }

    private boolean afterKey(String t, int p, boolean flagForm) {
        int n = t.length();
        int afterKey = p;
        p = skipBlanks(t, p);
        boolean spaced = p > afterKey;
        if (p >= n) {
            return false;
        }
        char c = t.charAt(p);
        if (c == '=') {
            if (p + 1 < n && t.charAt(p + 1) == '>') {
                p += 2;
            } else if (p + 1 < n && t.charAt(p + 1) == '=') {
                return false; // comparison in code
            } else {
                p++;
            }
            sep = '=';
        } else if (c == ':') {
            if (p + 1 < n && t.charAt(p + 1) == '=') {
                p += 2;
                sep = '=';
            } else if (p + 1 < n && (t.charAt(p + 1) == ':' || t.charAt(p + 1) == '/')) {
                return false; // scope operator or URL scheme
            } else {
                p++;
                sep = ':';
            }
        } else if (flagForm && spaced && (dashes == 2 || keyEnd - keyStart >= 4)) {
            sep = ' ';
            if (c == '-' || c == '\n' || c == '\r') {
                return false;
            }
        } else {
            return false;
        }
        int afterSep = p;
        p = skipBlanks(t, p);
        spaced |= p > afterSep;
        if (p >= n) {
            return false;
        }
        c = t.charAt(p);
        if (c == '\n' || c == '\r') {
            return false;
        }
        if ((c == '!' || c == '&') && sep == ':') {
            // YAML tag or anchor before the value: "token: !!str abc", "key: &k abc"
            int q = p + 1;
            while (q < n && !Chars.isWhitespace(t.charAt(q)) && q - p < 64) {
                q++;
            }
            if (q < n && Chars.isBlank(t.charAt(q))) {
                p = skipBlanks(t, q);
                if (p >= n) {
                    return false;
                }
                c = t.charAt(p);
            }
        }
        if (c == '[' && !NonSecretValues.isNonSecret(t, p, Math.min(n, p + 12))) {
            return bracketed(t, p); // not a "[REDACTED..." / "[HASH:" marker
        }
        if (c == '"' || c == '\'' || c == '`') {
            return quotedValue(t, p, c);
        }
        if (c == '\\' && p + 1 < n && t.charAt(p + 1) == '"') {
            return escapedQuotedValue(t, p + 2);
        }
        if ((c == '|' || c == '>') && sep == ':' && isBlockIndicator(t, p)) {
            return blockScalar(t, p);
        }
        return unquotedValue(t, p, spaced);
    }

    /** A one-line list value ["a", "b"] or [a, b]: the secret is everything between the brackets. */
    private boolean bracketed(String t, int p) {
        int n = t.length();
        int i = p + 1;
        int limit = Math.min(n, p + MAX_LIST);
        char q = 0;
        while (i < limit) {
            char c = t.charAt(i);
            if (c == '\n' || c == '\r') {
                return false; // multi-line list: its items are scanned on their own lines
            }
            if (q != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == q) {
                    q = 0;
                }
            } else if (c == '"' || c == '\'') {
                q = c;
            } else if (c == ']') {
                break;
            } else if (c == '[' || c == '{') {
                return false; // nested structure
            }
            i++;
        }
        if (i >= limit) {
            return false;
        }
        int s = p + 1;
        int e = i;
        while (s < e && Chars.isBlank(t.charAt(s))) {
            s++;
        }
        while (e > s && Chars.isBlank(t.charAt(e - 1))) {
            e--;
        }
        valueStart = s;
        valueEnd = e;
        quoted = true;
        return e > s;
    }

    private boolean quotedValue(String t, int p, char q) {
        int n = t.length();
        int i = p + 1;
        while (i < n) {
            char c = t.charAt(i);
            if (c == '\n' || c == '\r') {
                break;
            }
            if (c == '\\' && q != '\'') {
                i += 2;
                continue;
            }
            if (c == q) {
                break;
            }
            i++;
        }
        valueStart = p + 1;
        valueEnd = Math.min(i, n);
        quoted = true;
        return valueEnd > valueStart;
    }

    private boolean escapedQuotedValue(String t, int start) {
        int n = t.length();
        int i = start;
        while (i < n) {
            char c = t.charAt(i);
            if (c == '\n' || c == '\r') {
                break;
            }
            if (c == '\\' && i + 1 < n) {
                if (t.charAt(i + 1) == '"') {
                    break;
                }
                i += 2;
                continue;
            }
            if (c == '"') {
                break;
            }
            i++;
        }
        valueStart = start;
        valueEnd = Math.min(i, n);
        quoted = true;
        return valueEnd > valueStart;
    }

    private boolean xmlElement(String t, int p) {
        int n = t.length();
        int limit = Math.min(n, p + MAX_XML_VALUE);
        int i = p;
        while (i < limit && t.charAt(i) != '<') {
            i++;
        }
        if (i >= limit || !Chars.regionMatches(t, i, "</")) {
            return false;
        }
        int s = p;
        int e = i;
        while (s < e && Chars.isWhitespace(t.charAt(s))) {
            s++;
        }
        while (e > s && Chars.isWhitespace(t.charAt(e - 1))) {
            e--;
        }
        if (Chars.regionMatches(t, s, "<![CDATA[") && e - s > 12 && Chars.regionMatches(t, e - 3, "]]>")) {
            s += 9;
            e -= 3;
        }
        valueStart = s;
        valueEnd = e;
        sep = '>';
        quoted = true;
        return e > s;
    }

    private static boolean isBlockIndicator(String t, int p) {
        int n = t.length();
        int i = p + 1;
        while (i < n && (t.charAt(i) == '-' || t.charAt(i) == '+' || Chars.isDigit(t.charAt(i)))) {
            i++;
        }
        i = skipBlanks(t, i);
        return i >= n || t.charAt(i) == '\n' || t.charAt(i) == '\r' || t.charAt(i) == '#';
    }

    /** YAML literal/folded block: the value is every following line indented deeper than the key's line. */
    private boolean blockScalar(String t, int p) {
        int n = t.length();
        int ls = Chars.lineStart(t, keyStart, 256);
        int indent = 0;
        while (ls + indent < n && (t.charAt(ls + indent) == ' ' || t.charAt(ls + indent) == '-')) {
            indent++;
        }
        int i = Chars.lineEnd(t, p);
        int first = -1;
        int last = -1;
        while (i < n) {
            if (t.charAt(i) == '\r') {
                i++;
            }
            if (i >= n || t.charAt(i) != '\n') {
                break;
            }
            int lineStart = i + 1;
            int j = lineStart;
            while (j < n && t.charAt(j) == ' ') {
                j++;
            }
            int le = Chars.lineEnd(t, j);
            if (j == le) { // blank line inside a block
                i = le;
                continue;
            }
            if (j - lineStart <= indent) {
                break;
            }
            if (first < 0) {
                first = j;
            }
            last = le;
            i = le;
        }
        if (first < 0) {
            return false;
        }
        valueStart = first;
        valueEnd = last;
        quoted = true;
        return true;
    }

    private boolean unquotedValue(String t, int p, boolean spaced) {
        int n = t.length();
        int i = p;
        while (i < n) {
            char c = t.charAt(i);
            if (Chars.isWhitespace(c) || c == '"' || c == '\'' || c == '<' || c == '>' || c == '&' || c == '`') {
                break;
            }
            if (c == '\\' && i + 1 < n && "\"ntr'".indexOf(t.charAt(i + 1)) >= 0) {
                break;
            }
            if ((c == ';' || c == ',') && startsKeyValue(t, i + 1)) {
                break; // next segment of a connection string or map: a=b;c=d
            }
            i++;
        }
        int e = trimTrailingPunctuation(t, p, i);
        if (e <= p) {
            return false;
        }
        quoted = false;
        valueStart = p;
        valueEnd = e;
        if ((sep == ':' || spaced) && ProseValues.looksLikeProse(t, p, e)
                && !ProseValues.isPassphrase(t, p, keyStartsLine(t))) {
            return false;
        }
        if ((sep == '=' || sep == ':') && e == i && i < n && Chars.isBlank(t.charAt(i)) && keyStartsLine(t)) {
            extendToEndOfLine(t);
        }
        return true;
    }

    /** {@code Key=} or {@code Some Key=} at {@code p} (one optional leading blank). */
    private static boolean startsKeyValue(String t, int p) {
        int n = t.length();
        if (p < n && t.charAt(p) == ' ') {
            p++;
        }
        if (p >= n || !Chars.isLetter(t.charAt(p))) {
            return false;
        }
        int limit = Math.min(n, p + 40);
        for (int i = p + 1; i < limit; i++) {
            char c = t.charAt(i);
            if (c == '=') {
                return true;
            }
            if (!(Chars.isAlnum(c) || c == '_' || c == '.' || c == '-' || c == ' ')) {
                return false;
            }
        }
        return false;
    }

    private static int trimTrailingPunctuation(String t, int s, int e) {
        while (e > s) {
            char c = t.charAt(e - 1);
            if (c == ',' || c == ';') {
                e--;
            } else if ((c == ')' || c == '}' || c == ']') && !contains(t, s, e - 1, opener(c))) {
                e--;
            } else if (c == '.' && e - s > 1 && (e >= t.length() || !Chars.isAlnum(t.charAt(e)))) {
                e--;
            } else {
                break;
            }
        }
        return e;
    }

    private static char opener(char closer) {
        return closer == ')' ? '(' : closer == '}' ? '{' : '[';
    }

    private static boolean contains(String t, int s, int e, char c) {
        for (int i = s; i < e; i++) {
            if (t.charAt(i) == c) {
                return true;
            }
        }
        return false;
    }

    /** .env / properties / YAML lines hold exactly one pair, so a value may contain spaces. */
    private boolean keyStartsLine(String t) {
        // Bounded look-back: only indentation, list dashes and "export "/"set " may precede the key.
        int ls = Chars.lineStart(t, keyStart, 64);
        if (ls > 0 && t.charAt(ls - 1) != '\n' && t.charAt(ls - 1) != '\r') {
            return false;
        }
        int i = ls;
        int limit = keyStart - dashes;
        while (i < limit && (Chars.isBlank(t.charAt(i)) || t.charAt(i) == '-')) {
            i++;
        }
        if (Chars.regionMatches(t, i, "export ")) {
            i = skipBlanks(t, i + 7);
        } else if (Chars.regionMatchesLower(t, i, "set ")) {
            i = skipBlanks(t, i + 4);
        }
        return i == limit;
    }

    private void extendToEndOfLine(String t) {
        if (valueEnd - valueStart > 24) {
            return; // a long first token is a token, not the first word of a passphrase
        }
        int le = Chars.lineEnd(t, valueEnd, 4096);
        for (int i = valueEnd; i < le; i++) {
            char c = t.charAt(i);
            if (c == '#' && Chars.isBlank(t.charAt(i - 1))) {
                le = i; // trailing comment
                break;
            }
            // Only plain words may follow: anything else is more structure or prose punctuation.
            if (!(Chars.isAlnum(c) || Chars.isBlank(c) || c == '-')) {
                return;
            }
        }
        int e = le;
        while (e > valueEnd && Chars.isBlank(t.charAt(e - 1))) {
            e--;
        }
        valueEnd = e;
    }

    static int skipBlanks(String t, int p) {
        int n = t.length();
        int limit = Math.min(n, p + MAX_BLANKS);
        while (p < limit && Chars.isBlank(t.charAt(p))) {
            p++;
        }
        return p;
    }

    private static int skipBlanksBack(String t, int i) {
        int limit = i - MAX_BLANKS;
        while (i >= 0 && i > limit && Chars.isBlank(t.charAt(i))) {
            i--;
        }
        return i;
    }
}
