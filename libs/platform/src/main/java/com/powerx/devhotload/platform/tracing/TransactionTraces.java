package com.powerx.devhotload.platform.tracing;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The trace a transaction works for, looked up by the transaction's connection. A consumer's effect is a chain of
 * reactive steps whose callbacks run wherever the database answers, where no span is current; the outbox finds the
 * trace of the event being handled here instead, so every event appended on that transaction continues it.
 */
public final class TransactionTraces {

    private static final Map<SqlClient, String> TRACES = new ConcurrentHashMap<>();

    private TransactionTraces() {
    }

    /** Runs {@code work} with {@code traceparent} bound to {@code tx} until the work has ended (either way). */
    public static <T> Uni<T> within(SqlClient tx, String traceparent, Supplier<Uni<T>> work) {
        if (traceparent == null) {
            return work.get();
        }
        TRACES.put(tx, traceparent);
        Uni<T> running;
        try {
            running = work.get();
        } catch (RuntimeException e) {
            TRACES.remove(tx);
            throw e;
        }
        return running.onTermination().invoke(() -> TRACES.remove(tx));
    }

    /** The traceparent bound to {@code tx}, or null. */
    public static String of(SqlClient tx) {
        return TRACES.get(tx);
    }
}
