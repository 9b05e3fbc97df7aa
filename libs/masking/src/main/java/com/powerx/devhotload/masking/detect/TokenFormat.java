package com.powerx.devhotload.masking.detect;

/**
 * A vendor token recognised by a literal public prefix followed by a body of a known alphabet and length.
 *
 * @param prefix   the case-sensitive public marker, e.g. {@code ghp_}
 * @param alphabet which characters the body may contain
 * @param minBody  minimum body length
 * @param maxBody  maximum body length; longer runs are not this token
 * @param keep     how many leading characters are a public marker the {@code mask} action may keep
 * @param classes  character classes the body must all contain ({@link Entropy#LOWER} | ...); 0 for none. Guards
 *                 short or word-like prefixes against ordinary identifiers
 */
public record TokenFormat(String prefix, Alphabet alphabet, int minBody, int maxBody, int keep, int classes) {

    /** Upper case, lower case and digits: random machine-generated bodies. */
    public static final int MIXED = Entropy.LOWER | Entropy.UPPER | Entropy.DIGIT;
    /** Upper and lower case: random letter-only bodies (Hugging Face). */
    public static final int MIXED_CASE = Entropy.LOWER | Entropy.UPPER;
    /** Longest marker kept by {@code mask}; longer prefixes are masked whole (the verifier treats kept text as data). */
    static final int MAX_KEEP = 11;

    /** Body alphabets of the supported token formats. */
    public enum Alphabet {
        ALNUM, ALNUM_UNDERSCORE, UPPER_DIGIT, LOWER_DIGIT, DIGIT, HEX, HEX_DASH, BASE64URL, BASE64URL_DOT,
        ALNUM_DASH, BASE64_ANY, ALNUM_DOLLAR, TOKEN68;

        boolean accepts(char c) {
            return switch (this) {
                case ALNUM -> Chars.isAlnum(c);
                case ALNUM_UNDERSCORE -> Chars.isWord(c);
                case UPPER_DIGIT -> Chars.isUpper(c) || Chars.isDigit(c);
                case LOWER_DIGIT -> Chars.isLower(c) || Chars.isDigit(c);
                case HEX -> Chars.isHex(c);
                case HEX_DASH -> Chars.isHex(c) || c == '-';
                case BASE64URL -> Chars.isBase64Url(c);
                case BASE64URL_DOT -> Chars.isBase64Url(c) || c == '.';
                case ALNUM_DASH -> Chars.isAlnum(c) || c == '-';
                case DIGIT -> Chars.isDigit(c);
                // Standard and URL-safe base64 with padding, as vendors mix them.
                case BASE64_ANY -> Chars.isBase64Url(c) || c == '+' || c == '/' || c == '=';
                case ALNUM_DOLLAR -> Chars.isAlnum(c) || c == '$';
                // RFC 7235 token68 plus '%', for tokens that travel percent-encoded.
                case TOKEN68 -> Chars.isBase64Url(c) || c == '.' || c == '~' || c == '+' || c == '/' || c == '='
                        || c == '%';
            };
        }

        /** Characters that may end a body but also end sentences, so a trailing one is not taken as part of it. */
        boolean trimsTrailing(char c) {
            return ((this == BASE64URL_DOT || this == TOKEN68) && c == '.') || (this == HEX_DASH && c == '-');
        }
    }

    /** Backwards-compatible form: {@code mixed} requires upper case, lower case and digits. */
    public TokenFormat(String prefix, Alphabet alphabet, int minBody, int maxBody, int keep, boolean mixed) {
        this(prefix, alphabet, minBody, maxBody, keep, mixed ? MIXED : 0);
    }

    /** Shorthand for a token whose whole prefix (up to {@value #MAX_KEEP} characters) is kept by {@code mask}. */
    public static TokenFormat of(String prefix, Alphabet alphabet, int minBody, int maxBody) {
        return new TokenFormat(prefix, alphabet, minBody, maxBody, keepOf(prefix), 0);
    }

    /** Like {@link #of} with required character classes in the body. */
    public static TokenFormat of(String prefix, Alphabet alphabet, int minBody, int maxBody, int classes) {
        return new TokenFormat(prefix, alphabet, minBody, maxBody, keepOf(prefix), classes);
    }

    private static int keepOf(String prefix) {
        return prefix.length() <= MAX_KEEP ? prefix.length() : 0;
    }
}
