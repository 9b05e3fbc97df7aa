package com.powerx.devhotload.platform.web;

import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Tells a datastore or broker that cannot be reached (a transient outage: the client should retry) from a defect.
 * The first is 503 {@code DEV_UNAVAILABLE} with Retry-After (CONTRACT.md §1), so clients — our CLI included — back off
 * and retry instead of giving up on a 500.
 */
public final class DependencyOutages {

    /** Seconds a client is told to wait before it retries. */
    public static final long RETRY_AFTER_SECONDS = 5;

    // SQLSTATE class 08 (connection exception) and the server refusing work while it starts or stops.
    private static final Set<String> UNAVAILABLE_SQL_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    // Thrown by clients whose types this library does not depend on (Netty, Kafka, Vert.x internals).
    private static final Set<String> UNAVAILABLE_TYPES = Set.of(
            "io.netty.channel.ConnectTimeoutException",
            "io.netty.channel.StacklessClosedChannelException",
            "io.vertx.core.impl.NoStackTraceTimeoutException",
            "io.vertx.core.http.ConnectionPoolTooBusyException",
            "org.apache.kafka.common.errors.TimeoutException",
            "org.apache.kafka.common.errors.DisconnectException");

    private DependencyOutages() {
    }

    /** True when {@code failure}, or anything that caused it, says a dependency could not be reached. */
    public static boolean isOutage(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
            if (isOutageItself(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOutageItself(Throwable t) {
        if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof SocketTimeoutException
                || t instanceof ClosedChannelException || t instanceof TimeoutException || t instanceof ClosedConnectionException) {
            return true;
        }
        if (t instanceof DatabaseException db && db.getSqlState() != null) {
            return db.getSqlState().startsWith("08") || UNAVAILABLE_SQL_STATES.contains(db.getSqlState());
        }
        if (UNAVAILABLE_TYPES.contains(t.getClass().getName())) {
            return true;
        }
        String message = String.valueOf(t.getMessage());
        return message.contains("Connection refused") || message.contains("Connection reset")
                || message.contains("Connection is closed") || message.contains("Pool closed");
    }
}
