package com.powerx.devhotload.stream.support;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;

import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Repeats a test on demand, {@code -Dstream.soak=<rounds>} ({@code bench/stream/soak}), for races too rare to show
 * in one run; each round is reported as a test of its own. Without the property the repeating tests are skipped.
 */
public final class Soak {

    /** The system property naming the number of rounds. */
    public static final String ROUNDS = "stream.soak";

    private Soak() {
    }

    public static Stream<DynamicTest> rounds(String name, Executable test) {
        int rounds = Integer.getInteger(ROUNDS, 0);
        return IntStream.rangeClosed(1, rounds).mapToObj(i -> DynamicTest.dynamicTest(name + " #" + i + "/" + rounds, test));
    }
}
