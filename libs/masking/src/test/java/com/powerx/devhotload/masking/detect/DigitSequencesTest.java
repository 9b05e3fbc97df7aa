package com.powerx.devhotload.masking.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The digit-sequence gates of {@link ScanContext}, computed by {@link DigitSequences}. */
class DigitSequencesTest {

    private static ScanContext scan(String text) {
        return new ScanContext(text, new TriggerIndex(List.of()));
    }

    @Test
    void cardShapesNeedAnIssuerDigit() {
        assertThat(scan("card 4111 1111 1111 1111 ok").cardShaped()).isTrue();
        assertThat(scan("at 1700000000000 ms").cardShaped()).isFalse();
        assertThat(scan("card 4111 1111 1111 1111 ok").maxMultiGroupDigits()).isEqualTo(16);
    }

    @Test
    void dottedSequencesCountTheirParts() {
        assertThat(scan("host 10.0.4.9 up").maxDotParts()).isEqualTo(4);
        // The last run of one sequence may start the next: "8 10" is joined by ' ', "10.0.4.9" by '.'.
        assertThat(scan("took 8 10.0.4.9").maxDotParts()).isEqualTo(4);
        assertThat(scan("v1.2").maxDotParts()).isEqualTo(2);
    }

    @Test
    void phoneAndIbanShapes() {
        assertThat(scan("call +1 415 555 2671").phoneShaped()).isTrue();
        assertThat(scan("x +12 y").phoneShaped()).isFalse();
        assertThat(scan("iban DE89 3704 0044").ibanShaped()).isTrue();
        assertThat(scan("id XDE89").ibanShaped()).isFalse();
    }

    @Test
    void runLengthsAreRecorded() {
        ScanContext ctx = scan("a 123 b 4567890123");
        assertThat(ctx.hasRunOfLength(3)).isTrue();
        assertThat(ctx.hasRunOfLength(10)).isTrue();
        assertThat(ctx.hasRunOfLength(4)).isFalse();
    }

    @Test
    void statisticsFollowAReset() {
        TriggerIndex index = new TriggerIndex(List.of());
        ScanContext ctx = new ScanContext("card 4111 1111 1111 1111", index);
        assertThat(ctx.cardShaped()).isTrue();
        ctx.reset("nothing here 12", index);
        assertThat(ctx.cardShaped()).isFalse();
        assertThat(ctx.maxMultiGroupDigits()).isZero();
    }
}
