package com.powerx.devhotload.telemetry.domain;

import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;

/**
 * A mergeable latency histogram (HdrHistogram, 3 significant digits, values in microseconds): per-minute rollups are
 * merged into any window and its percentiles stay within 0.1 % of the exact value.
 */
public final class LatencyHistogram {

    private final Histogram histogram;

    private LatencyHistogram(Histogram histogram) {
        this.histogram = histogram;
    }

    public static LatencyHistogram empty() {
        Histogram h = new Histogram(3);
        h.setAutoResize(true);
        return new LatencyHistogram(h);
    }

    /** From its stored text; empty for null. */
    public static LatencyHistogram decode(String base64) {
        if (base64 == null) {
            return empty();
        }
        try {
            Histogram h = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
            h.setAutoResize(true);
            return new LatencyHistogram(h);
        } catch (DataFormatException e) {
            throw new IllegalStateException("corrupt histogram", e);
        }
    }

    public String encode() {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
    }

    public void recordMillis(double ms) {
        histogram.recordValue(Math.max(0, Math.round(ms * 1000)));
    }

    public void add(LatencyHistogram other) {
        histogram.add(other.histogram);
    }

    public long count() {
        return histogram.getTotalCount();
    }

    /** The percentile in milliseconds, or null without data. */
    public Double percentileMillis(double percentile) {
        if (histogram.getTotalCount() == 0) {
            return null;
        }
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }
}
