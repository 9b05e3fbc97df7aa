package com.powerx.devhotload.telemetry.domain;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Per-minute histograms survive their stored form and merge into percentiles within 1 % of the exact value. */
class LatencyHistogramTest {

    @Test
    void mergedPercentilesAreWithinOnePercent() {
        Random random = new Random(7);
        List<Double> all = new ArrayList<>();
        LatencyHistogram merged = LatencyHistogram.empty();
        for (int minute = 0; minute < 30; minute++) {
            LatencyHistogram h = LatencyHistogram.empty();
            for (int i = 0; i < 100; i++) {
                double ms = Math.exp(random.nextGaussian() * 1.5 + 4) + 0.5;
                all.add(ms);
                h.recordMillis(ms);
            }
            merged.add(LatencyHistogram.decode(h.encode()));
        }
        List<Double> sorted = all.stream().sorted().toList();
        for (double p : new double[] {50, 95, 99}) {
            double exact = sorted.get((int) Math.ceil(p / 100 * sorted.size()) - 1);
            assertThat(merged.percentileMillis(p)).isCloseTo(exact, within(exact * 0.01));
        }
        assertThat(merged.count()).isEqualTo(3000);
        assertThat(LatencyHistogram.empty().percentileMillis(50)).isNull();
    }
}
