package com.powerx.devhotload.masking.detect;

/**
 * A vendor token recognised by a literal public prefix followed by a body of a known alphabet and length.
 *
 * @param prefix   the case-sensitive public marker, e.g. {@code ghp_}
 * @param alphabet which characters the body may contain
 * @param minBody  minimum body length
 * @param maxBody  maximum body length; longer runs are not this token
 * @param keep     how many leading characters are a public marker the {@code mask} action may keep
 * @param mixed    whether the body must contain upper case, lower case and digits (guards short prefixes)
 */
public record TokenFormat(String prefix, Alphabet alphabet, int minBody, int maxBody, int keep, boolean mixed) {

    /** Body alphabets of the supported token formats. */
    public enum Alphabet {
        ALNUM, ALNUM_UNDERSCORE, UPPER_DIGIT, BASE64URL, BASE64URL_DOT, ALNUM_DASH;

        boolean accepts(char c) {
            return switch (this) {
                case ALNUM -> Chars.isAlnum(c);
                case ALNUM_UNDERSCORE -> Chars.isWord(c);
                case UPPER_DIGIT -> Chars.isUpper(c) || Chars.isDigit(c);
                case BASE64URL -> Chars.isBase64Url(c);
                case BASE64URL_DOT -> Chars.isBase64Url(c) || c == '.';
                case ALNUM_DASH -> Chars.isAlnum(c) || c == '-';
            };
        }
    }

    /** Shorthand for a token whose whole prefix is kept by {@code mask}. */
    public static TokenFormat of(String prefix, Alphabet alphabet, int minBody, int maxBody) {
        return new TokenFormat(prefix, alphabet, minBody, maxBody, prefix.length(), false);
    }
}
