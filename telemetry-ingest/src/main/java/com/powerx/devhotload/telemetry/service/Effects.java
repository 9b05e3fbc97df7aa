package com.powerx.devhotload.telemetry.service;

import io.vertx.redis.client.Request;

import java.util.ArrayList;
import java.util.List;

/**
 * What applying one event (or one sweep) changes: Redis writes, committed together with the event's "seen" mark,
 * and in-memory effects (meters) that run only once the commit succeeded.
 */
public final class Effects {

    private final List<Request> writes = new ArrayList<>();
    private final List<Runnable> afterCommit = new ArrayList<>();

    public void write(List<Request> requests) {
        writes.addAll(requests);
    }

    public void write(Request request) {
        writes.add(request);
    }

    public void afterCommit(Runnable effect) {
        afterCommit.add(effect);
    }

    public List<Request> writes() {
        return writes;
    }

    public void committed() {
        afterCommit.forEach(Runnable::run);
    }
}
