package com.powerx.devhotload.telemetry.repository;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Blocking access to Redis for worker threads (REST handlers, the consumer, the sweep): single reads, pipelined
 * reads, and atomic write sets ({@code MULTI … EXEC}), which is how an event's effects and its "seen" mark land
 * together.
 */
@ApplicationScoped
public class RedisStore {

    private static final long TIMEOUT_SECONDS = 10;
    private static final int MAX_BATCH = 500;

    private final Redis redis;

    public RedisStore(Redis redis) {
        this.redis = redis;
    }

    public Response send(Request request) {
        return await(redis.send(request).toCompletionStage().toCompletableFuture());
    }

    /** Pipelined reads, in chunks that stay within the client's waiting-handler limit; replies in request order. */
    public List<Response> pipeline(List<Request> requests) {
        if (requests.size() <= MAX_BATCH) {
            return requests.isEmpty() ? List.of() : await(redis.batch(requests).toCompletionStage().toCompletableFuture());
        }
        List<Response> replies = new ArrayList<>(requests.size());
        for (int from = 0; from < requests.size(); from += MAX_BATCH) {
            List<Request> chunk = requests.subList(from, Math.min(requests.size(), from + MAX_BATCH));
            replies.addAll(await(redis.batch(chunk).toCompletionStage().toCompletableFuture()));
        }
        return replies;
    }

    /** Applies every write or none of them. */
    public void commit(List<Request> writes) {
        if (writes.isEmpty()) {
            return;
        }
        List<Request> tx = new ArrayList<>(writes.size() + 2);
        tx.add(Request.cmd(Command.MULTI));
        tx.addAll(writes);
        tx.add(Request.cmd(Command.EXEC));
        // one batch, never chunked: MULTI … EXEC must travel on one connection
        await(redis.batch(tx).toCompletionStage().toCompletableFuture());
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for Redis", e);
        } catch (ExecutionException e) {
            throw new RedisUnavailableException(e.getCause());
        } catch (TimeoutException e) {
            throw new RedisUnavailableException(e);
        }
    }

    /** Redis did not answer: transient, the caller retries or answers 503. */
    public static final class RedisUnavailableException extends RuntimeException {
        RedisUnavailableException(Throwable cause) {
            super("Redis unavailable: " + (cause == null ? "?" : cause.getMessage()), cause);
        }
    }

    public static String text(Response r) {
        return r == null ? null : r.toString();
    }

    public static long number(Response r) {
        return r == null ? 0 : r.toLong();
    }
}
