package com.powerx.devhotload.masking.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where unquoted values end. */
class UnquotedValuesTest {

    @Test
    void endsAtWhitespaceQuotesMarkupAndTheNextPair() {
        assertThat(UnquotedValues.end("abc def", 0)).isEqualTo(3);
        assertThat(UnquotedValues.end("abc<br>", 0)).isEqualTo(3);
        assertThat(UnquotedValues.end("abc\\nnext", 0)).isEqualTo(3);
        assertThat(UnquotedValues.end("s3cr;Database=x", 0)).isEqualTo(4);
        assertThat(UnquotedValues.end("a,b,c end", 0)).isEqualTo(5);
    }

    @Test
    void trailingPunctuationBelongsToTheSentence() {
        assertThat(UnquotedValues.trimTrailingPunctuation("abc).", 0, 5)).isEqualTo(3);
        assertThat(UnquotedValues.trimTrailingPunctuation("f(x);", 0, 5)).isEqualTo(4);
        assertThat(UnquotedValues.trimTrailingPunctuation("v1.2", 0, 4)).isEqualTo(4);
    }

    @Test
    void aKeyStartsItsLineAfterIndentationDashesOrExport() {
        String t = "x\n  export DB_PASSWORD=a b";
        assertThat(UnquotedValues.keyStartsLine(t, t.indexOf("DB_"), 0)).isTrue();
        String flag = "- --password=x";
        assertThat(UnquotedValues.keyStartsLine(flag, flag.indexOf("password"), 2)).isTrue();
        String log = "msg: DB_PASSWORD=a b";
        assertThat(UnquotedValues.keyStartsLine(log, log.indexOf("DB_"), 0)).isFalse();
    }

    @Test
    void passphrasesRunToTheEndOfTheLineOrAComment() {
        String t = "PASS=correct horse battery  # note";
        int s = 5;
        assertThat(t.substring(s, UnquotedValues.restOfLineEnd(t, s, 12))).isEqualTo("correct horse battery");
        String prose = "PASS=correct horse, really";
        assertThat(UnquotedValues.restOfLineEnd(prose, s, 12)).isEqualTo(12);
    }
}
