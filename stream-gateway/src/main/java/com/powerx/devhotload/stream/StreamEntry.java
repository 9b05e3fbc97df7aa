package com.powerx.devhotload.stream;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One event as stored in a tenant's replay stream: the routing fields the filters need, and {@code data}, the
 * frame's JSON rendered once at append time. Rendered frames are memoized so that a fan-out to many subscribers
 * serializes each entry once.
 */
public final class StreamEntry {

    private final StreamId id;
    private final String type;
    private final String sessionId;
    private final String pluginId;
    private final long eventTimeMillis;
    private final String data;
    // Written by whichever thread renders first; rendering is pure, so a race only renders twice.
    private final Map<FrameStyle, Object> frames = new EnumMap<>(FrameStyle.class);

    public StreamEntry(StreamId id, String type, String sessionId, String pluginId, long eventTimeMillis, String data) {
        this.id = Objects.requireNonNull(id);
        this.type = Objects.requireNonNull(type);
        this.sessionId = sessionId == null || sessionId.isEmpty() ? null : sessionId;
        this.pluginId = pluginId == null || pluginId.isEmpty() ? null : pluginId;
        this.eventTimeMillis = eventTimeMillis;
        this.data = Objects.requireNonNull(data);
    }

    public StreamId id() { return id; }
    public String type() { return type; }
    public String sessionId() { return sessionId; }
    public String pluginId() { return pluginId; }
    /** When the event happened (its CloudEvents {@code time}); 0 if it carried none. */
    public long eventTimeMillis() { return eventTimeMillis; }
    /** The entry's number in its tenant's stream (1, 2, 3 ...), the sequence part of its id: a jump means trimmed entries. */
    public long number() { return id.sequence(); }
    /** {@code {"id","type","time","sessionId","tenantId","pluginId","payload"}} as compact JSON. */
    public String data() { return data; }

    /** The frame for {@code style}, rendered on first use. */
    @SuppressWarnings("unchecked")
    public <T> T frame(FrameStyle style, java.util.function.Function<StreamEntry, T> render) {
        synchronized (frames) {
            Object frame = frames.get(style);
            if (frame == null) {
                frame = render.apply(this);
                frames.put(style, frame);
            }
            return (T) frame;
        }
    }
}
