package com.powerx.devhotload.masking.corpus;

import java.util.List;

/**
 * One corpus entry.
 *
 * @param source  where it comes from (generator template or file:line), for failure messages
 * @param rule    expected rule id (null for negatives)
 * @param secrets substrings that must disappear (empty for negatives)
 * @param text    the input
 */
public record CorpusCase(String source, String rule, List<String> secrets, String text) {

    /** A positive case. */
    public static CorpusCase positive(String source, String rule, String text, String... secrets) {
        return new CorpusCase(source, rule, List.of(secrets), text);
    }

    /** A negative case. */
    public static CorpusCase negative(String source, String text) {
        return new CorpusCase(source, null, List.of(), text);
    }
}
