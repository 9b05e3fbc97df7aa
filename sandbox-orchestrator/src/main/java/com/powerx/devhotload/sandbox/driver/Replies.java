package com.powerx.devhotload.sandbox.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for a harness reply on a worker thread, with every failure turned into a {@link HarnessError}. */
public final class Replies {

    private Replies() {
    }

    public static JsonNode await(CompletableFuture<JsonNode> reply, long timeoutMs) {
        try {
            return reply.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HarnessError h) {
                throw h;
            }
            throw HarnessError.gone(String.valueOf(e.getCause().getMessage()));
        } catch (TimeoutException e) {
            throw new HarnessError(JsonNodeFactory.instance.objectNode().put("message", "the sandbox did not answer within "
                    + timeoutMs + " ms").put("stack", "").put("phase", "harness").put("code", "TIMEOUT").put("timeout", true));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw HarnessError.gone("interrupted");
        }
    }
}
