package com.powerx.devhotload.masking.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where quoted, listed, XML and YAML block values end. */
class DelimitedValuesTest {

    @Test
    void quotedValuesEndAtTheirQuoteOrTheLine() {
        String t = "a=\"x\\\"y\" b";
        assertThat(t.substring(3, DelimitedValues.quotedEnd(t, 3, '"'))).isEqualTo("x\\\"y");
        String single = "a='x\\' b";
        assertThat(single.substring(3, DelimitedValues.quotedEnd(single, 3, '\''))).isEqualTo("x\\");
        String open = "a=\"xy\nz\"";
        assertThat(open.substring(3, DelimitedValues.quotedEnd(open, 3, '"'))).isEqualTo("xy");
    }

    @Test
    void escapedQuotedValuesEndAtTheEscapedQuote() {
        String t = "{\\\"password\\\":\\\"s3cr\\\\et\\\",\\\"x\\\":1}";
        int from = t.indexOf(":\\\"") + 3;
        assertThat(t.substring(from, DelimitedValues.escapedQuotedEnd(t, from))).isEqualTo("s3cr\\\\et");
    }

    @Test
    void oneLineListsOnly() {
        String t = "k: [a, \"b]c\"] rest";
        assertThat(DelimitedValues.listEnd(t, 3)).isEqualTo(t.indexOf("] rest"));
        assertThat(DelimitedValues.listEnd("k: [a,\n b]", 3)).isEqualTo(-1);
        assertThat(DelimitedValues.listEnd("k: [[a], b]", 3)).isEqualTo(-1);
        assertThat(DelimitedValues.listEnd("k: [a, b", 3)).isEqualTo(-1);
    }

    @Test
    void xmlTextEndsAtAnEndTag() {
        assertThat(DelimitedValues.xmlTextEnd("<p>x y</p>", 3)).isEqualTo(6);
        assertThat(DelimitedValues.xmlTextEnd("<p>x<b>y</b></p>", 3)).isEqualTo(-1);
    }

    @Test
    void blockScalarsRunWhileLinesAreIndentedDeeper() {
        String t = "  key: |-\n    line1\n\n    line2\n  next: x";
        int p = t.indexOf('|');
        assertThat(DelimitedValues.isBlockIndicator(t, p)).isTrue();
        assertThat(DelimitedValues.isBlockIndicator("key: |x", 5)).isFalse();
        int indent = DelimitedValues.indentOf(t, 0);
        assertThat(indent).isEqualTo(2);
        int first = DelimitedValues.nextDeeperLine(t, Chars.lineEnd(t, p), indent);
        assertThat(first).isEqualTo(t.indexOf("line1"));
        assertThat(t.substring(first, DelimitedValues.blockEnd(t, first, indent))).isEqualTo("line1\n\n    line2");
        assertThat(DelimitedValues.nextDeeperLine("key: |\nnext: x", 6, 0)).isEqualTo(-1);
    }
}
