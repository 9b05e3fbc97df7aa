package com.powerx.devhotload.stream.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Limits and timings of the live feed (CONTRACT.md §5); each is overridable by a {@code PX_STREAM_*} env var. */
@ConfigMapping(prefix = "px.stream")
public interface StreamConfig {

    /** Events kept per tenant in its replay stream ({@code PX_DEV_LOG_RETENTION_LIMIT}). */
    @WithDefault("10000")
    int retentionLimit();

    /** Oldest event kept in a replay stream; an idle tenant's stream disappears after this long. */
    @WithDefault("24h")
    Duration retentionAge();

    /** Events one connection may have waiting for its socket; past it the reader gets a gap frame and is closed. */
    @WithDefault("1000")
    int bufferSize();

    /** Interval of the {@code : hb} comment that keeps proxies and clients from timing out an idle stream. */
    @WithDefault("15s")
    Duration heartbeat();

    /** The reconnection delay announced in the first frame ({@code retry: 3000}). */
    @WithDefault("3000")
    long retryMillis();

    /** How long an event id is remembered so that redeliveries (Kafka, outbox resends) are appended only once. */
    @WithDefault("10m")
    Duration dedupWindow();

    /**
     * How long a request naming a session (or carrying a reload token) waits for the gateway to learn it from
     * {@code dev.session.registered} before answering 404/401: a CLI opens its log stream right after registering.
     * 5 s because 2 s was seen exceeded on two loaded cores (outbox relay, broker and consumer all queued); only an
     * unknown session pays it, a known session with a wrong token is answered at once.
     */
    @WithDefault("5s")
    Duration unknownSessionGrace();

    /** Open streams one replica serves; one more is refused with 503 and {@code Retry-After}. */
    @WithDefault("10000")
    int maxSubscribers();

    /** Entries read per replay request. */
    @WithDefault("200")
    int replayPageSize();

    /** Entries read per tenant by one live read of the tail. */
    @WithDefault("500")
    int tailBatchSize();

    /** Longest single blocking read of the tail (it is woken at once when the set of tenants changes). */
    @WithDefault("5s")
    Duration tailBlock();

    /** How long a finished stream may take to flush its last frames before its connection is closed. */
    @WithDefault("10s")
    Duration closeGrace();

    /** How long a live session's token hash and tenant are kept without any lifecycle event. */
    @WithDefault("7d")
    Duration liveSessionTtl();

    /** How long an ended session stays known (its events remain replayable for the retention age). */
    @WithDefault("24h")
    Duration endedSessionTtl();

    /** Kafka consumption. */
    Consumer consumer();

    /** The gateway's Kafka consumer: one group per deployment, any replica may append. */
    interface Consumer {

        /** Consumer group shared by every replica of one gateway deployment. */
        @WithDefault("stream-gateway")
        String group();

        /** Records taken per poll, i.e. per pipelined Redis batch. */
        @WithDefault("500")
        int maxPollRecords();

        /** Longest wait of one poll when no record is available. */
        @WithDefault("500ms")
        Duration pollTimeout();
    }
}
