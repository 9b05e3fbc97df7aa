package com.powerx.devhotload.telemetry.service;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises everything that reads and then writes rule state in this process (the consumer and the sweep), so a
 * read-decide-write step never interleaves with another.
 */
@ApplicationScoped
public class RuleClock {

    private final ReentrantLock lock = new ReentrantLock();

    public <T> T exclusively(Supplier<T> step) {
        lock.lock();
        try {
            return step.get();
        } finally {
            lock.unlock();
        }
    }
}
