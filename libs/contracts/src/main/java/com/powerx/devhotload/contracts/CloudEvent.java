package com.powerx.devhotload.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * A CloudEvents 1.0 event in structured JSON mode ({@code application/cloudevents+json}), the envelope of every
 * message on Kafka (CONTRACT.md §9). Extension attribute names are lower case, as CloudEvents requires.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent(
        @Required @AllowedValues(CloudEvent.SPEC_VERSION) String specversion,
        @Required String id,
        @Required String source,
        @Required String type,
        String subject,
        String time,
        String datacontenttype,
        String tenantid,
        String pluginid,
        String sessionid,
        String traceparent,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    /** Media type of a whole event on the wire (structured mode). */
    public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json";
    /**
     * The Kafka record header every producer sets (CloudEvents Kafka binding, structured mode). Consumers read the
     * raw bytes and decode them with {@link EventCodec}: the SmallRye connector's own CloudEvents parsing is off
     * (platform defaults), since it would replace the payload with a JsonObject of {@code data}.
     */
    public static final String KAFKA_CONTENT_TYPE_HEADER = "content-type";
    public static final String KAFKA_CONTENT_TYPE = STRUCTURED_CONTENT_TYPE + "; charset=UTF-8";
    /** Media type of {@code data}. */
    public static final String DATA_CONTENT_TYPE = "application/json";

    // Fixed millisecond precision keeps times sortable as strings and equal across producers.
    private static final DateTimeFormatter RFC_3339_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /**
     * A new event with a random id and the current time; {@code payload} becomes {@code data} and is checked against
     * the record registered for {@code type} (so a producer finds a contract break before it publishes).
     *
     * @throws IllegalArgumentException for an unknown type or a payload record of another type
     * @throws InvalidEventException    for a payload that misses a required field
     */
    public static CloudEvent create(String source, String type, String subject, String tenantId, String pluginId,
                                    String sessionId, Object payload) {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("source is required");
        }
        Class<? extends EventPayload> expected = PayloadTypes.of(type);
        if (payload instanceof EventPayload && !expected.isInstance(payload)) {
            throw new IllegalArgumentException("payload " + payload.getClass().getSimpleName()
                    + " does not match type '" + type + "', which carries " + expected.getSimpleName());
        }
        JsonNode data = EventCodec.toNode(payload);
        PayloadValidator.validate(type, expected, data);
        return new CloudEvent(SPEC_VERSION, UUID.randomUUID().toString(), source, type, subject,
                formatTime(Instant.now()), DATA_CONTENT_TYPE, tenantId, pluginId, sessionId, null, data);
    }

    /** RFC 3339 UTC with milliseconds, e.g. {@code 2026-11-22T23:11:46.123Z}: the format of {@link #time()}. */
    public static String formatTime(Instant instant) {
        return RFC_3339_MILLIS.format(instant);
    }

    /**
     * An RFC 3339 time as epoch milliseconds. Times in our own format ({@link #formatTime}) are read directly, every
     * other valid form (offsets, other precisions) through {@link OffsetDateTime#parse}: consumers read the time of
     * every event, and the general parser cost the stream gateway several microseconds per event.
     *
     * @throws DateTimeParseException if {@code time} is not an RFC 3339 timestamp
     */
    public static long parseTime(String time) {
        if (time.length() == 24 && time.charAt(4) == '-' && time.charAt(7) == '-' && time.charAt(10) == 'T'
                && time.charAt(13) == ':' && time.charAt(16) == ':' && time.charAt(19) == '.' && time.charAt(23) == 'Z') {
            int year = digits(time, 0, 4);
            int month = digits(time, 5, 7);
            int day = digits(time, 8, 10);
            int hour = digits(time, 11, 13);
            int minute = digits(time, 14, 16);
            int second = digits(time, 17, 19);
            int millis = digits(time, 20, 23);
            if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && hour >= 0 && hour < 24 && minute >= 0
                    && minute < 60 && second >= 0 && second < 60 && millis >= 0
                    && day <= java.time.YearMonth.of(year, month).lengthOfMonth()) {
                long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
                return ((epochDay * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
            }
        }
        return OffsetDateTime.parse(time).toInstant().toEpochMilli();
    }

    /** The decimal number in {@code s[from, to)}, or -1 if any character is not an ASCII digit. */
    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** A copy carrying the W3C trace context, so traces continue across Kafka. */
    public CloudEvent withTraceparent(String traceparent) {
        return new CloudEvent(specversion, id, source, type, subject, time, datacontenttype, tenantid, pluginid,
                sessionid, traceparent, data);
    }

    /**
     * The Kafka record key: the session keeps one session's events in order; alerts are keyed by plugin
     * (CONTRACT.md §9) because rules such as bundle-oversize span sessions. Falls back to subject, then id.
     */
    public String partitionKey() {
        String preferred = EventTypes.isAlert(type) ? pluginid : sessionid;
        return firstPresent(preferred, subject, id);
    }

    private static String firstPresent(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return null;
    }
}
