package com.powerx.devhotload.stream.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition that the system reaches asynchronously. */
public final class Poll {

    private Poll() {
    }

    public static boolean until(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}
