package com.powerx.devhotload.stream.service;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.function.Supplier;

/** Small Vert.x future helpers for lookups of state that arrives by event. */
final class Futures {

    private static final long RETRY_DELAY_MS = 100;

    private Futures() {
    }

    /**
     * Repeats {@code lookup} until it yields a value or {@code graceMillis} pass; then completes with null. Used for
     * state learned from events that may trail the caller by a few milliseconds (a session registered just now).
     */
    static <T> Future<T> awaitPresent(Vertx vertx, Supplier<Future<T>> lookup, long graceMillis) {
        Promise<T> promise = Promise.promise();
        attempt(vertx, lookup, System.currentTimeMillis() + graceMillis, promise);
        return promise.future();
    }

    private static <T> void attempt(Vertx vertx, Supplier<Future<T>> lookup, long deadline, Promise<T> promise) {
        lookup.get().onComplete(ar -> {
            if (ar.failed()) {
                promise.fail(ar.cause());
            } else if (ar.result() != null || System.currentTimeMillis() >= deadline) {
                promise.complete(ar.result());
            } else {
                vertx.setTimer(RETRY_DELAY_MS, t -> attempt(vertx, lookup, deadline, promise));
            }
        });
    }
}
