package com.powerx.devhotload.diagnostics.domain.fingerprint;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a (masked) error message into a template: data becomes {@value #PLACEHOLDER}, code stays.
 *
 * <p>Data: e-mails, URLs, hosts, IPs, UUIDs, hex ids and hashes, long random ids, dates and timestamps, numbers
 * with or without a unit (durations, sizes, counts, ports), absolute paths (reduced to their basename), and the
 * masking engine's markers ({@code ****}, {@code ghp_****}, {@code [HASH:..]}, {@code [REDACTED:..]}), so a
 * masked secret never splits a group. Code: words, quoted identifiers ({@code (reading 'credits')}), error codes
 * ({@code ECONNREFUSED}, {@code E1001}, {@code ERR_X}, {@code ORA-00942}) and numbers that name an outcome (after
 * {@code HTTP}, {@code status}, {@code code}, {@code errno}, or before an HTTP reason phrase).
 *
 * <p>Linear time: the message is cut to {@value #MAX_INPUT} characters first, the few whole-message patterns start
 * on literals, and the rest run per blank-separated chunk; a chunk longer than {@value #MAX_CHUNK} characters is
 * data (a dump, a blob) and becomes one placeholder without any pattern looking at it.
 */
final class MessageTemplate {

    static final String PLACEHOLDER = "<*>";
    static final int MAX_INPUT = 4096;
    static final int MAX_CHUNK = 200;

    /** Protected digits are moved to the private use area while the data rules run, then moved back. */
    private static final char PROTECTED_ZERO = '\uE000';
    private static final Pattern PROTECTED_RANGE = Pattern.compile("[\uE000-\uE009]");
    private static final Pattern BLANKS = Pattern.compile("\\s+");

    private MessageTemplate() {
    }

    static String of(String message) {
        if (Text.isBlank(message)) {
            return "";
        }
        String text = PROTECTED_RANGE.matcher(Text.cut(message, MAX_INPUT)).replaceAll("\uFFFD");
        for (Pattern code : TemplateRules.PROTECTED) {
            text = protect(text, code);
        }
        text = TemplateRules.DATE_WORDS.apply(text);
        StringBuilder out = new StringBuilder(text.length());
        for (String chunk : BLANKS.split(text.strip())) {
            String templated = chunk.length() > MAX_CHUNK ? PLACEHOLDER : collapse(chunk(chunk));
            // "2024-01-02 10:00:00", "1 2 3": a run of data is one datum, however many blanks split it
            boolean repeat = templated.equals(PLACEHOLDER) && endsWith(out, " " + PLACEHOLDER, PLACEHOLDER);
            if (!repeat) {
                out.append(out.isEmpty() ? "" : " ").append(templated);
            }
        }
        // placeholders are longer than a digit: bound what is stored and shown
        return Text.cut(unprotect(out.toString()), MAX_INPUT);
    }

    /** "<*><*>" (a marker right after a URL, say) → "<*>"; by hand, as a repeated regex group recurses. */
    private static String collapse(String chunk) {
        String twice = PLACEHOLDER + PLACEHOLDER;
        String s = chunk;
        while (s.contains(twice)) {
            s = s.replace(twice, PLACEHOLDER);
        }
        return s;
    }

    private static boolean endsWith(StringBuilder b, String spaced, String alone) {
        int n = b.length();
        return n >= spaced.length() && b.substring(n - spaced.length()).equals(spaced)
                || n == alone.length() && b.toString().equals(alone);
    }

    private static String chunk(String chunk) {
        String text = chunk;
        for (TemplateRules.Rule rule : TemplateRules.CHUNK) {
            text = rule.apply(text);
        }
        return text;
    }

    private static String protect(String text, Pattern code) {
        Matcher m = code.matcher(text);
        return m.replaceAll(r -> Matcher.quoteReplacement(shiftDigits(r.group(), '0', PROTECTED_ZERO)));
    }

    private static String unprotect(String text) {
        return shiftDigits(text, PROTECTED_ZERO, '0');
    }

    private static String shiftDigits(String s, char from, char to) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= from && c <= from + 9 ? (char) (c - from + to) : c);
        }
        return b.toString();
    }
}
