package com.powerx.devhotload.stream;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The id of an entry in a tenant's replay stream, {@code <millis>-<number>}: Redis's clock when it was appended and
 * the entry's number in the tenant's stream (1, 2, 3 ...). It is the SSE {@code id}: ordered within a tenant and the
 * same on every gateway replica, because it comes from the stream; the number lets any reader see what was trimmed.
 */
public record StreamId(long millis, long sequence) implements Comparable<StreamId> {

    /** Before every entry: a cursor at ZERO replays everything retained. */
    public static final StreamId ZERO = new StreamId(0, 0);

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,18})(?:-(\\d{1,18}))?");

    /** Parses {@code 1732312345678-0} (or a bare {@code 1732312345678}, read as sequence 0); empty if malformed. */
    public static Optional<StreamId> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long sequence = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
        return Optional.of(new StreamId(Long.parseLong(m.group(1)), sequence));
    }

    /** Parses an id Redis produced; a malformed one is a bug, not bad input. */
    public static StreamId of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not a stream id: " + text));
    }

    public boolean isAfter(StreamId other) {
        return compareTo(other) > 0;
    }

    public static StreamId max(StreamId a, StreamId b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public int compareTo(StreamId other) {
        int byMillis = Long.compare(millis, other.millis);
        return byMillis != 0 ? byMillis : Long.compare(sequence, other.sequence);
    }

    @Override
    public String toString() {
        return millis + "-" + sequence;
    }
}
