package com.powerx.devhotload.stream.repository;

import com.powerx.devhotload.stream.StreamEntry;
import com.powerx.devhotload.stream.StreamId;
import io.vertx.redis.client.Response;

import java.util.ArrayList;
import java.util.List;

/** Reads stream replies in both protocol versions (RESP2 arrays, RESP3 maps) into {@link StreamEntry}s. */
final class RedisReplies {

    static final String TYPE = "t";
    static final String SESSION = "s";
    static final String PLUGIN = "p";
    static final String TIME = "ms";
    static final String DATA = "d";

    private RedisReplies() {
    }

    /** The entries of an {@code XRANGE}/{@code XREVRANGE} reply. */
    static List<StreamEntry> entries(Response reply) {
        if (reply == null || reply.size() == 0) {
            return List.of();
        }
        List<StreamEntry> out = new ArrayList<>(reply.size());
        for (Response entry : reply) {
            out.add(entry(entry.get(0).toString(), entry.get(1)));
        }
        return out;
    }

    /** The entries of an {@code XREAD} reply, per stream key. */
    static void forEachStream(Response reply, java.util.function.BiConsumer<String, List<StreamEntry>> sink) {
        if (reply == null) {
            return;
        }
        if (reply.isMap()) {
            for (String key : reply.getKeys()) {
                sink.accept(key, entries(reply.get(key)));
            }
            return;
        }
        for (Response stream : reply) {
            sink.accept(stream.get(0).toString(), entries(stream.get(1)));
        }
    }

    private static StreamEntry entry(String id, Response fields) {
        String type = null, session = null, plugin = null, data = null;
        long time = 0;
        if (fields.isMap()) {
            type = text(fields.get(TYPE));
            session = text(fields.get(SESSION));
            plugin = text(fields.get(PLUGIN));
            time = number(fields.get(TIME));
            data = text(fields.get(DATA));
        } else {
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                String value = fields.get(i + 1).toString();
                switch (fields.get(i).toString()) {
                    case TYPE -> type = value;
                    case SESSION -> session = value;
                    case PLUGIN -> plugin = value;
                    case TIME -> time = Long.parseLong(value);
                    case DATA -> data = value;
                    default -> { }
                }
            }
        }
        return new StreamEntry(StreamId.of(id), type == null ? "unknown" : type, session, plugin, time,
                data == null ? "{}" : data);
    }

    private static String text(Response r) {
        return r == null ? null : r.toString();
    }

    private static long number(Response r) {
        return r == null ? 0 : Long.parseLong(r.toString());
    }
}
