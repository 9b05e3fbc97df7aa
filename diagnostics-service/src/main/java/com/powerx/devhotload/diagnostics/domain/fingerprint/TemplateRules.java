package com.powerx.devhotload.diagnostics.domain.fingerprint;

import java.util.List;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The patterns of {@link MessageTemplate}. Each one is linear on its input: literal or character-class starts
 * behind a lookbehind (a match can only begin where a run begins), no nested ambiguous quantifiers, bounded counts;
 * and {@link MessageTemplate} runs the chunk rules on whitespace-free chunks of at most
 * {@value MessageTemplate#MAX_CHUNK} characters, so even a bad case costs a constant per chunk.
 */
final class TemplateRules {

    private static final String P = MessageTemplate.PLACEHOLDER;

    /** A rule: a pattern and what a match becomes. */
    record Rule(String name, Pattern pattern, Function<MatchResult, String> replacement) {
        String apply(String text) {
            return pattern.matcher(text).replaceAll(m -> Matcher.quoteReplacement(replacement.apply(m)));
        }
    }

    /**
     * Code-like numbers that identify a failure and must survive the number rule (run on the whole message, before
     * chunking, because they span a blank): HTTP statuses, exit codes, errnos, {@code ORA-00942}-style codes.
     */
    static final List<Pattern> PROTECTED = List.of(
            Pattern.compile("\\b(?:HTTP(?:/\\d(?:\\.\\d)?)?|status(?:[ _-]?code)?|(?:exit |error |status |response )?code"
                    + "|errno|SQLSTATE)[ \\t]?[:=#]?[ \\t]?-?\\d{1,5}\\b", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\b[1-5]\\d\\d(?= (?:Not Found|Bad Request|Unauthorized|Forbidden|Internal Server Error"
                    + "|Bad Gateway|Service Unavailable|Gateway Timeout|Too Many Requests|Conflict|Gone"
                    + "|Method Not Allowed|Unprocessable (?:Entity|Content)|Payment Required|Request Timeout"
                    + "|Not Implemented|Precondition Failed|Payload Too Large|Not Acceptable|Moved Permanently"
                    + "|Found|See Other|Not Modified|Temporary Redirect|Permanent Redirect))"),
            Pattern.compile("\\b[A-Z][A-Z0-9]{1,15}-\\d{1,8}\\b"),
            // "upstream returned 404", "responded with a 503 for /x": a status, unless a count ("got 250 rows")
            Pattern.compile("\\b(?i:returned|responded|answered|replied|got|received|response|failed)(?: with)?"
                    + "(?: an?)?(?: status)?[ :=]{1,3}[1-5]\\d\\d\\b"
                    + "(?! (?!(?:for|from|on|when|after|while|at|in|to|by)\\b)[a-z])"));

    /** Dates spelled with words, which span blanks: JS Date.toString(), RFC 1123, "Jan 2, 2024 10:00". */
    static final Rule DATE_WORDS = new Rule("date-words", Pattern.compile(
            "\\b(?:(?:Mon(?:day)?|Tue(?:s(?:day)?)?|Wed(?:nesday)?|Thu(?:r(?:s(?:day)?)?)?|Fri(?:day)?"
                    + "|Sat(?:urday)?|Sun(?:day)?),? )?(?:\\d{1,2} )?"
                    + "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
                    + "|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.? \\d{1,4}\\b"
                    + "(?:,? \\d{4}| \\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?(?: ?[AP]M)?){0,2}"
                    + "(?: (?:GMT|UTC)(?:[+-]\\d{2}:?\\d{2})?| [+-]\\d{4})?(?: \\([A-Z][A-Za-z ]{0,60}\\))?"),
            m -> P);

    private static final String SEGMENT = "[^/\\s'\"`()\\[\\]{}<>,;?#]";

    /** Applied in order to each chunk: the earlier, more specific ones protect their matches from the later. */
    static final List<Rule> CHUNK = List.of(
            rule("mask-marker", "\\[(?i:HASH|REDACTED):[A-Za-z0-9_-]{0,80}]|(?<![A-Za-z0-9_.-])[A-Za-z0-9_.-]*\\*{3,}"),
            rule("url", "(?<![\\w.+-])(?!file:)[a-zA-Z][a-zA-Z0-9+.-]{1,20}://[^\\s'\"`<>()\\[\\]{}]*"),
            new Rule("path", Pattern.compile("(?<![\\w.~:/-])(?:file://)?(?:/" + SEGMENT + "+)+/(" + SEGMENT + "+)"),
                    m -> m.group(1)),
            rule("email", "(?<![\\w.%+-])[\\w.%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63})+"),
            rule("uuid", "(?<![0-9A-Fa-f])[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"
                    + "(?![0-9A-Fa-f])"),
            rule("timestamp", "(?<!\\d)\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d{1,9})?)?)?"
                    + "(?:Z|[+-]\\d{2}:?\\d{2})?(?!\\d)"
                    + "|(?<!\\d)\\d{1,2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2})?(?!\\d)"),
            rule("ipv6", "(?<![\\w:])(?=[0-9A-Fa-f:]*\\d)(?=[0-9A-Fa-f]*:[0-9A-Fa-f]*:)"
                    + "(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{1,4}(?![\\w:])"),
            rule("host", "(?<![\\w.@-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+"
                    + "(?:com|net|org|io|cloud|ai|edu|gov|biz|internal|lan|corp|svc|localhost|local)(?![\\w-])"),
            rule("hex", "(?<![\\p{L}\\p{N}])(?:0[xX][0-9a-fA-F]+|(?=[0-9a-fA-F]*\\d)[0-9a-fA-F]{8,})(?![\\p{L}\\p{N}])"),
            rule("random-id", "(?<![\\p{L}\\p{N}])(?=[A-Za-z0-9]*[A-Za-z])"
                    + "(?:(?=[A-Za-z0-9]*\\d)[A-Za-z0-9]{16,}|(?=(?:[A-Za-z]*\\d){3})[A-Za-z0-9]{10,})(?![\\p{L}\\p{N}])"),
            rule("number", "(?<![\\p{L}\\p{N}])[-+]?\\d+(?:[.,]\\d+)*(?:[a-zA-Zµ]{1,3})?(?![\\p{L}\\p{N}_])"));

    private TemplateRules() {
    }

    private static Rule rule(String name, String regex) {
        return new Rule(name, Pattern.compile(regex), m -> P);
    }
}
