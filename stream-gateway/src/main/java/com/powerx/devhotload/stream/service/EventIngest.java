package com.powerx.devhotload.stream.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.InvalidEventException;
import com.powerx.devhotload.contracts.payload.SessionRegistered;
import com.powerx.devhotload.contracts.payload.SessionUpdated;
import com.powerx.devhotload.stream.config.StreamConfig;
import com.powerx.devhotload.stream.repository.ReplayStreamRepository;
import com.powerx.devhotload.stream.repository.ReplayStreamRepository.NewEntry;
import com.powerx.devhotload.stream.repository.SessionDirectory;
import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns consumed events into Redis writes: each event is appended once to its tenant's replay stream, and lifecycle
 * events keep the session directory (tenants, reload-token hashes) current. Every write goes over one dedicated
 * connection, pipelined in call order, so one session's events keep their Kafka order in the stream even with
 * several polls in flight.
 */
@ApplicationScoped
public class EventIngest {

    /**
     * Events per append call: enough to make the call's overhead negligible, few enough that one call holds Redis
     * for about a millisecond (the tail's reads and the replays wait behind it).
     */
    static final int MAX_RUN = 64;

    /** What one call wrote. */
    public record Result(int appended, int duplicates, int skipped) {
    }

    private final Redis redis;
    private final ReplayStreamRepository streams;
    private final SessionDirectory sessions;
    private final StreamConfig config;
    private final StreamMetrics metrics;
    private volatile Future<RedisConnection> connection;

    public EventIngest(Redis redis, ReplayStreamRepository streams, SessionDirectory sessions, StreamConfig config,
                       StreamMetrics metrics) {
        this.redis = redis;
        this.streams = streams;
        this.sessions = sessions;
        this.config = config;
        this.metrics = metrics;
    }

    /** Writes the events' effects; completes once Redis has applied all of them. Safe to repeat (redelivery). */
    public Future<Result> ingest(List<CloudEvent> events) {
        Writes writes = plan(events, System.currentTimeMillis());
        if (writes.requests.isEmpty()) {
            return Future.succeededFuture(new Result(0, 0, writes.skipped));
        }
        return runWithScripts(writes.requests).map(replies -> applied(writes, replies));
    }

    /** The writes the events cause, in event order; events that cannot or need not be appended are skipped. */
    private Writes plan(List<CloudEvent> events, long now) {
        long oldestKept = now - config.retentionAge().toMillis();
        Writes writes = new Writes(now);
        for (CloudEvent event : events) {
            String tenant = event.tenantid();
            if (tenant == null || tenant.isBlank()) {
                // Without a tenant nobody may see it: it cannot be routed, so it is counted rather than guessed.
                writes.skip("no-tenant");
                continue;
            }
            Request directory = directoryEffect(event, tenant);
            if (directory != null) {
                writes.directory(directory);
            }
            long time = timeOf(event, now);
            if (time < oldestKept) {
                writes.skip("older-than-retention"); // it would be trimmed at once
                continue;
            }
            writes.append(new NewEntry(tenant, event.id(), event.type(), sessionIdOf(event), pluginIdOf(event), time,
                    frameData(event, tenant, time)));
        }
        writes.closeRun();
        return writes;
    }

    /** Counts what Redis applied: an append call answers, per event, its entry id or nil for a duplicate. */
    private Result applied(Writes writes, List<Response> replies) {
        long appendedAt = System.currentTimeMillis();
        int appended = 0;
        int duplicates = 0;
        for (int i = 0; i < replies.size(); i++) {
            List<Long> eventTimes = writes.appendTimes.get(i);
            if (eventTimes == null) {
                continue; // a directory write
            }
            Response ids = replies.get(i);
            for (int j = 0; j < eventTimes.size(); j++) {
                if (ids.get(j) == null) {
                    duplicates++;
                } else {
                    appended++;
                    metrics.appended(eventTimes.get(j), appendedAt);
                }
            }
        }
        metrics.ingested(appended, duplicates);
        return new Result(appended, duplicates, writes.skipped);
    }

    /**
     * The Redis requests of one poll, in event order: consecutive events of one tenant go into one append call (up
     * to {@value #MAX_RUN}), and a directory write ends the run before it, so every write is applied in the
     * order of the events that caused it.
     */
    private final class Writes {
        final List<Request> requests = new ArrayList<>();
        /** Per request: the event times of its appends, or null for a directory write. */
        final List<List<Long>> appendTimes = new ArrayList<>();
        private final long now;
        private final List<NewEntry> run = new ArrayList<>();
        int skipped;

        Writes(long now) {
            this.now = now;
        }

        void skip(String reason) {
            metrics.skipped(reason);
            skipped++;
        }

        void directory(Request request) {
            closeRun();
            requests.add(request);
            appendTimes.add(null);
        }

        void append(NewEntry entry) {
            if (!run.isEmpty() && (run.size() >= MAX_RUN || !run.getFirst().tenant().equals(entry.tenant()))) {
                closeRun();
            }
            run.add(entry);
        }

        void closeRun() {
            if (run.isEmpty()) {
                return;
            }
            requests.add(streams.append(run, now));
            appendTimes.add(run.stream().map(NewEntry::eventTimeMillis).toList());
            run.clear();
        }
    }

    // EVALSHA fails with NOSCRIPT on a Redis that has not seen the scripts (fresh start, restart, failover):
    // load them and run the whole pipeline again, which the dedup markers make harmless.
    // Any other failure drops the connection, so the retry opens a new one: a connection that closed before its end
    // handler was set (Redis killed as it was being opened) otherwise answered "Connection is closed" for ever, and the
    // gateway stopped ingesting (FaultInjectionIT, kill -9 of Redis).
    private Future<List<Response>> runWithScripts(List<Request> requests) {
        return connection().compose(conn -> conn.batch(requests).recover(failure -> {
            if (failure.getMessage() == null || !failure.getMessage().contains("NOSCRIPT")) {
                return Future.failedFuture(failure);
            }
            List<Request> loads = new ArrayList<>(sessions.loadScripts());
            loads.add(streams.loadScript());
            return conn.batch(loads).compose(loaded -> conn.batch(requests));
        }).onFailure(failure -> forget(conn)));
    }

    /** The ingest's own connection: commands on one connection are applied in the order they were sent. */
    private Future<RedisConnection> connection() {
        Future<RedisConnection> current = connection;
        if (current != null && !current.failed()) {
            return current;
        }
        Promise<RedisConnection> opening;
        synchronized (this) {
            current = connection;
            if (current != null && !current.failed()) {
                return current;
            }
            opening = Promise.promise();
            connection = opening.future();
        }
        // Opened outside the lock, like the close in forget: no Redis client lock is ever taken while holding this one.
        redis.connect().onSuccess(conn -> {
            conn.exceptionHandler(e -> forget(conn));
            conn.endHandler(v -> forget(conn));
        }).onComplete(opening);
        return opening.future();
    }

    /**
     * Drops {@code conn} if it is still the ingest's connection. It is closed outside this object's lock: closing takes
     * the connection's own lock, and the connection calls its end handler (this method) while holding that lock — with
     * both under one lock, a Redis killed mid-pipeline deadlocked the two event loops for good (one in close() holding
     * this, the other in the end handler holding the connection; FaultInjectionIT, kill -9 of Redis, 150 s blocked).
     */
    private void forget(RedisConnection conn) {
        boolean ours;
        synchronized (this) {
            Future<RedisConnection> current = connection;
            ours = current != null && current.succeeded() && current.result() == conn;
            if (ours) {
                connection = null;
            }
        }
        if (ours) {
            conn.close();
        }
    }

    private Request directoryEffect(CloudEvent event, String tenant) {
        try {
            return switch (event.type()) {
                case EventTypes.SESSION_REGISTERED -> {
                    SessionRegistered registered = EventCodec.payload(event, SessionRegistered.class);
                    yield ended(registered.status())
                            ? sessions.end(registered.sessionId(), tenant)
                            : sessions.learn(registered.sessionId(), tenant, registered.pluginId(),
                                    registered.developerId(), registered.reloadTokenSha256());
                }
                case EventTypes.SESSION_UPDATED -> {
                    SessionUpdated updated = EventCodec.payload(event, SessionUpdated.class);
                    yield ended(updated.status())
                            ? sessions.end(updated.sessionId(), tenant)
                            : sessions.learn(updated.sessionId(), tenant, event.pluginid(), null, updated.reloadTokenSha256());
                }
                case EventTypes.SESSION_TERMINATED, EventTypes.SESSION_EXPIRED -> {
                    String sessionId = sessionIdOf(event);
                    yield sessionId == null ? null : sessions.end(sessionId, tenant);
                }
                default -> null;
            };
        } catch (InvalidEventException e) {
            Log.warnf("event %s (%s) has an invalid payload, session state not updated: %s", event.id(), event.type(), e.getMessage());
            metrics.skipped("invalid-payload");
            return null;
        }
    }

    private static boolean ended(String status) {
        return "terminated".equals(status) || "expired".equals(status);
    }

    /**
     * {@code {"id","type","time","sessionId","tenantId","pluginId","payload"}} and, when the event has one, its
     * {@code traceparent} (the trace of the user action that caused it, docs/tracing.md): rendered once, sent as is.
     */
    static String frameData(CloudEvent event, String tenant, long timeMillis) {
        ObjectNode data = EventCodec.mapper().createObjectNode();
        data.put("id", event.id());
        data.put("type", event.type());
        data.put("time", event.time() != null ? event.time() : CloudEvent.formatTime(Instant.ofEpochMilli(timeMillis)));
        data.put("sessionId", sessionIdOf(event));
        data.put("tenantId", tenant);
        data.put("pluginId", pluginIdOf(event));
        data.set("payload", event.data() == null ? EventCodec.mapper().createObjectNode() : event.data());
        if (event.traceparent() != null) {
            data.put("traceparent", event.traceparent());
        }
        return data.toString();
    }

    // The extension attributes are the routing fields; older producers may only have them in the payload.
    static String sessionIdOf(CloudEvent event) {
        return event.sessionid() != null ? event.sessionid() : textField(event.data(), "sessionId");
    }

    static String pluginIdOf(CloudEvent event) {
        return event.pluginid() != null ? event.pluginid() : textField(event.data(), "pluginId");
    }

    private static String textField(JsonNode data, String field) {
        JsonNode value = data == null ? null : data.get(field);
        return value != null && value.isTextual() && !value.textValue().isBlank() ? value.textValue() : null;
    }

    private static long timeOf(CloudEvent event, long fallback) {
        if (event.time() == null) {
            return fallback;
        }
        try {
            return CloudEvent.parseTime(event.time());
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }
}
