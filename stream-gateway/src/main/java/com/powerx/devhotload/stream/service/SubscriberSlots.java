package com.powerx.devhotload.stream.service;

import com.powerx.devhotload.stream.config.StreamConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicInteger;

/** The replica's capacity for open streams ({@code px.stream.max-subscribers}). */
@ApplicationScoped
public class SubscriberSlots {

    private final AtomicInteger used = new AtomicInteger();
    private final int max;

    public SubscriberSlots(StreamConfig config) {
        this.max = config.maxSubscribers();
    }

    /** Takes a slot, or returns false when the replica is full. */
    public boolean tryAcquire() {
        while (true) {
            int current = used.get();
            if (current >= max) {
                return false;
            }
            if (used.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    public void release() {
        used.decrementAndGet();
    }
}
