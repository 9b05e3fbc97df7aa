package com.powerx.devhotload.masking.detect;

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
     * is in a sibling {@code value} field, on the same line or the next one ({@link NameValuePairs}).
     */
    public boolean parseNameValue(String t) {
        if (!NameValuePairs.isNameFieldValue(t, keyStart - dashes)) {
            return false;
        }
        int p = NameValuePairs.valueKeyEnd(t, keyEnd);
        if (p < 0 || !afterKey(t, p, false)) {
            return false;
        }
        sep = 'n';
        return true;
    }

    /**
     * The separator and value after a key ending at {@code p}. {@code flagForm}: a CLI flag, whose value may follow
     * after blanks alone ({@code --password x}).
     */
    private boolean afterKey(String t, int p, boolean flagForm) {
        int n = t.length();
        int afterKey = p;
        p = skipBlanks(t, p);
        boolean spaced = p > afterKey;
        if (p >= n) {
            return false;
        }
        int afterSep = separator(t, p, flagForm, spaced);
        if (afterSep < 0) {
            return false;
        }
        p = skipBlanks(t, afterSep);
        spaced |= p > afterSep;
        if (p >= n || t.charAt(p) == '\n' || t.charAt(p) == '\r') {
            return false; // nothing on this line: a YAML mapping or list opens below, its keys are scanned there
        }
        if ((t.charAt(p) == '!' || t.charAt(p) == '&') && sep == ':') {
            p = skipTagOrAnchor(t, p);
            if (p >= n) {
                return false;
            }
        }
        return value(t, p, spaced);
    }

    /**
     * Reads the separator at {@code p} into {@link #sep} and returns where the value may start, or -1 when the key
     * is not followed by an assignment: {@code ==} is a comparison, {@code ::} a scope operator, {@code :/} a URL.
     */
    private int separator(String t, int p, boolean flagForm, boolean spaced) {
        int n = t.length();
        char c = t.charAt(p);
        if (c == '=') {
            if (p + 1 < n && t.charAt(p + 1) == '>') {
                sep = '=';
                return p + 2; // Ruby/PHP hash: "password" => "x"
            }
            if (p + 1 < n && t.charAt(p + 1) == '=') {
                return -1;
            }
            sep = '=';
            return p + 1;
        }
        if (c == ':') {
            if (p + 1 < n && t.charAt(p + 1) == '=') {
                sep = '=';
                return p + 2; // Go and Pascal assignment
            }
            if (p + 1 < n && (t.charAt(p + 1) == ':' || t.charAt(p + 1) == '/')) {
                return -1;
            }
            sep = ':';
            return p + 1;
        }
        // A flag takes the next word only when it is clearly a long option, not "-v" followed by a file name.
        if (flagForm && spaced && (dashes == 2 || keyEnd - keyStart >= 4)) {
            sep = ' ';
            return c == '-' || c == '\n' || c == '\r' ? -1 : p;
        }
        return -1;
    }

    /**
     * Skips a YAML tag or anchor before the value ({@code token: !!str abc}, {@code key: &k abc}) when a blank
     * follows it; otherwise the tag-like text is the value itself.
     */
    private static int skipTagOrAnchor(String t, int p) {
        int n = t.length();
        int q = p + 1;
        while (q < n && !Chars.isWhitespace(t.charAt(q)) && q - p < 64) {
            q++;
        }
        return q < n && Chars.isBlank(t.charAt(q)) ? skipBlanks(t, q) : p;
    }

    /** The value starting at {@code p}, by its first character: list, quoted, escaped-quoted, block or unquoted. */
    private boolean value(String t, int p, boolean spaced) {
        int n = t.length();
        char c = t.charAt(p);
        if (c == '[' && !NonSecretValues.isNonSecret(t, p, Math.min(n, p + 12))) {
            return bracketed(t, p); // not a "[REDACTED..." / "[HASH:" marker
        }
        if (c == '"' || c == '\'' || c == '`') {
            return found(p + 1, DelimitedValues.quotedEnd(t, p + 1, c), true);
        }
        if (c == '\\' && p + 1 < n && t.charAt(p + 1) == '"') {
            return found(p + 2, DelimitedValues.escapedQuotedEnd(t, p + 2), true);
        }
        if ((c == '|' || c == '>') && sep == ':' && DelimitedValues.isBlockIndicator(t, p)) {
            return blockScalar(t, p);
        }
        return unquotedValue(t, p, spaced);
    }

    /** A one-line list value ["a", "b"] or [a, b]: the secret is everything between the brackets. */
    private boolean bracketed(String t, int p) {
        int close = DelimitedValues.listEnd(t, p);
        if (close < 0) {
            return false;
        }
        int s = p + 1;
        int e = close;
        while (s < e && Chars.isBlank(t.charAt(s))) {
            s++;
        }
        while (e > s && Chars.isBlank(t.charAt(e - 1))) {
            e--;
        }
        return found(s, e, true);
    }

    /** {@code <password>x</password>}: the element text, without surrounding whitespace or a CDATA wrapper. */
    private boolean xmlElement(String t, int p) {
        int close = DelimitedValues.xmlTextEnd(t, p);
        if (close < 0) {
            return false;
        }
        int s = p;
        int e = close;
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
        sep = '>';
        return found(s, e, true);
    }

    /** YAML literal/folded block: the value is every following line indented deeper than the key's line. */
    private boolean blockScalar(String t, int p) {
        int indent = DelimitedValues.indentOf(t, Chars.lineStart(t, keyStart, 256));
        int first = DelimitedValues.nextDeeperLine(t, Chars.lineEnd(t, p), indent);
        if (first < 0) {
            return false;
        }
        found(first, DelimitedValues.blockEnd(t, first, indent), true);
        return true; // a deeper line is never blank, so the block is never empty
    }

    /** A value nothing delimits: its end is inferred ({@link UnquotedValues}). */
    private boolean unquotedValue(String t, int p, boolean spaced) {
        int stop = UnquotedValues.end(t, p);
        int e = UnquotedValues.trimTrailingPunctuation(t, p, stop);
        if (e <= p) {
            return false;
        }
        found(p, e, false);
        // After ':' or blanks, words are more often prose ("password: must be 8 chars") than a secret.
        if ((sep == ':' || spaced) && ProseValues.looksLikeProse(t, p, e)
                && !ProseValues.isPassphrase(t, p, UnquotedValues.keyStartsLine(t, keyStart, dashes))) {
            return false;
        }
        // .env, properties and YAML lines hold one pair, so there a passphrase may run on to the line end.
        if ((sep == '=' || sep == ':') && e == stop && stop < t.length() && Chars.isBlank(t.charAt(stop))
                && UnquotedValues.keyStartsLine(t, keyStart, dashes)) {
            valueEnd = UnquotedValues.restOfLineEnd(t, valueStart, valueEnd);
        }
        return true;
    }

    /** Records the value span; true when it is not empty. */
    private boolean found(int s, int e, boolean isQuoted) {
        valueStart = s;
        valueEnd = e;
        quoted = isQuoted;
        return e > s;
    }

    /** Skips blanks, at most {@value #MAX_BLANKS}: callers probe many offsets, so runs of blanks cost O(1) each. */
    static int skipBlanks(String t, int p) {
        int n = t.length();
        int limit = Math.min(n, p + MAX_BLANKS);
        while (p < limit && Chars.isBlank(t.charAt(p))) {
            p++;
        }
        return p;
    }
}
