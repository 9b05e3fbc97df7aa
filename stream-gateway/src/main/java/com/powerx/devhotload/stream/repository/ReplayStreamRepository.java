package com.powerx.devhotload.stream.repository;

import com.powerx.devhotload.stream.StreamEntry;
import com.powerx.devhotload.stream.StreamId;
import com.powerx.devhotload.stream.config.StreamConfig;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The per-tenant replay streams in Redis ({@code px:stream:{tenant}}): appended once per event by the ingest,
 * read by the tail (live) and by each connection (replay). Entry ids are the SSE ids.
 */
@ApplicationScoped
public class ReplayStreamRepository {

    private final Redis redis;
    private final StreamConfig config;
    private final LuaScript append = LuaScript.load("append.lua");

    public ReplayStreamRepository(Redis redis, StreamConfig config) {
        this.redis = redis;
        this.config = config;
    }

    /** The fields of one event to append. */
    public record NewEntry(String tenant, String eventId, String type, String sessionId, String pluginId,
                           long eventTimeMillis, String data) {
    }

    /**
     * The script call that appends {@code entries}, all of one tenant, in order, each unless its event id was
     * appended within the dedup window. Its reply holds one element per entry: the new id, or null (a redelivery).
     */
    public Request append(List<NewEntry> entries, long nowMillis) {
        String tenant = entries.getFirst().tenant();
        long oldestKept = nowMillis - config.retentionAge().toMillis();
        List<String> keys = new ArrayList<>(entries.size() + 2);
        keys.add(RedisKeys.stream(tenant));
        keys.add(RedisKeys.counter(tenant));
        List<Object> args = new ArrayList<>(4 + entries.size() * 10);
        args.addAll(List.of(config.retentionLimit(), oldestKept + "-0", config.retentionAge().toMillis(),
                config.dedupWindow().toMillis()));
        for (NewEntry entry : entries) {
            if (!entry.tenant().equals(tenant)) {
                throw new IllegalArgumentException("one append call per tenant");
            }
            keys.add(RedisKeys.seen(tenant, entry.eventId()));
            args.addAll(List.of(
                    RedisReplies.TYPE, entry.type(),
                    RedisReplies.SESSION, nullToEmpty(entry.sessionId()),
                    RedisReplies.PLUGIN, nullToEmpty(entry.pluginId()),
                    RedisReplies.TIME, entry.eventTimeMillis(),
                    RedisReplies.DATA, entry.data()));
        }
        return append.call(keys, args);
    }

    public Request loadScript() {
        return append.loadRequest();
    }

    /** Where a tail starts reading a tenant: the newest entry's id and the number of the last entry appended. */
    public record TailStart(StreamId position, long number) {
    }

    /** The newest entry ({@link StreamId#ZERO} for an empty stream) and the tenant's entry counter, read together. */
    public Future<TailStart> tailStart(String tenant) {
        Request newest = Request.cmd(Command.XREVRANGE).arg(RedisKeys.stream(tenant)).arg("+").arg("-").arg("COUNT").arg(1);
        Request counter = Request.cmd(Command.GET).arg(RedisKeys.counter(tenant));
        return redis.batch(List.of(newest, counter)).map(replies -> {
            List<StreamEntry> entries = RedisReplies.entries(replies.get(0));
            long number = replies.get(1) == null ? 0 : Long.parseLong(replies.get(1).toString());
            return new TailStart(entries.isEmpty() ? StreamId.ZERO : entries.getFirst().id(), number);
        });
    }

    /** Up to {@code count} entries strictly after {@code after}, with the tenant's entry counter (same round trip). */
    public Future<ReplayPage> page(String tenant, StreamId after, int count) {
        Request counter = Request.cmd(Command.GET).arg(RedisKeys.counter(tenant));
        Request range = Request.cmd(Command.XRANGE).arg(RedisKeys.stream(tenant)).arg("(" + after).arg("+")
                .arg("COUNT").arg(count);
        return redis.batch(List.of(counter, range)).map(replies -> {
            Response number = replies.get(0);
            return new ReplayPage(number == null ? 0 : number.toLong(), RedisReplies.entries(replies.get(1)));
        });
    }

    /** A blocking {@code XREAD} of several tenants' streams, each after its own position. */
    public Request tailRead(Map<String, StreamId> positions, int count, long blockMillis) {
        Request request = Request.cmd(Command.XREAD).arg("COUNT").arg(count).arg("BLOCK").arg(blockMillis).arg("STREAMS");
        positions.keySet().forEach(tenant -> request.arg(RedisKeys.stream(tenant)));
        positions.values().forEach(id -> request.arg(id.toString()));
        return request;
    }

    /** Splits an {@code XREAD} reply into (tenant, entries). */
    public void forEachTenant(Response reply, BiConsumer<String, List<StreamEntry>> sink) {
        RedisReplies.forEachStream(reply, (key, entries) -> sink.accept(RedisKeys.tenantOf(key), entries));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
