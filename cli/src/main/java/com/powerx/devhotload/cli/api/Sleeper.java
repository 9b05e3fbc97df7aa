package com.powerx.devhotload.cli.api;

import java.time.Duration;

/** How the CLI waits between attempts; tests pass one that records instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
