package com.powerx.devhotload.bench;

import org.HdrHistogram.Histogram;

import java.util.Locale;

/** One measured series: percentiles in milliseconds, printed as a Markdown table row. */
public record LatencyReport(String name, Histogram histogram, double seconds) {

    public static Histogram newHistogram() {
        return new Histogram(60_000_000_000L, 3); // up to 60 s in ns, 3 significant digits
    }

    public double ms(double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1_000_000.0;
    }

    public String row() {
        return String.format(Locale.ROOT, "| %s | %d | %.1f/s | %.2f | %.2f | %.2f | %.2f |", name, histogram.getTotalCount(),
                histogram.getTotalCount() / seconds, ms(50), ms(95), ms(99), histogram.getMaxValue() / 1_000_000.0);
    }

    public static String header() {
        return "| series | requests | throughput | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|---|";
    }
}
