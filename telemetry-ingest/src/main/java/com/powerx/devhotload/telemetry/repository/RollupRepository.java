package com.powerx.devhotload.telemetry.repository;

import com.powerx.devhotload.telemetry.domain.LatencyHistogram;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-minute rollups per tenant and dimension ({@code *}, {@code p:<plugin>}, {@code s:<session>}): exact counters in a
 * hash, latencies as mergeable histograms. Kept 25 hours, enough for the longest summary window.
 */
@ApplicationScoped
public class RollupRepository {

    private static final long KEEP_SECONDS = Duration.ofHours(25).toSeconds();

    /** A window's rollups merged: counters by field, and one histogram per metric. */
    public record Merged(Map<String, Long> counters, Map<String, LatencyHistogram> histograms) {
    }

    private final RedisStore redis;

    public RollupRepository(RedisStore redis) {
        this.redis = redis;
    }

    public List<Request> count(String tenant, String dimension, long minute, String field, long by) {
        String key = RedisKeys.rollup(tenant, dimension, minute);
        return List.of(Request.cmd(Command.HINCRBY).arg(key).arg(field).arg(by), Request.cmd(Command.EXPIRE).arg(key).arg(KEEP_SECONDS));
    }

    /** Read-modify-write of one minute's histogram; safe because events are applied one at a time. */
    public List<Request> record(String tenant, String dimension, long minute, String metric, double millis) {
        String key = RedisKeys.histogram(tenant, dimension, metric, minute);
        LatencyHistogram h = LatencyHistogram.decode(RedisStore.text(redis.send(Request.cmd(Command.GET).arg(key))));
        h.recordMillis(millis);
        return List.of(Request.cmd(Command.SET).arg(key).arg(h.encode()).arg("EX").arg(KEEP_SECONDS));
    }

    public Merged merge(String tenant, String dimension, long fromMinute, long toMinute, List<String> metrics) {
        List<Request> reads = new ArrayList<>();
        for (long m = fromMinute; m <= toMinute; m++) {
            reads.add(Request.cmd(Command.HGETALL).arg(RedisKeys.rollup(tenant, dimension, m)));
            for (String metric : metrics) {
                reads.add(Request.cmd(Command.GET).arg(RedisKeys.histogram(tenant, dimension, metric, m)));
            }
        }
        List<Response> replies = redis.pipeline(reads);
        Map<String, Long> counters = new HashMap<>();
        Map<String, LatencyHistogram> histograms = new HashMap<>();
        metrics.forEach(metric -> histograms.put(metric, LatencyHistogram.empty()));
        int stride = 1 + metrics.size();
        for (int i = 0; i < replies.size(); i += stride) {
            addCounters(replies.get(i), counters);
            for (int j = 0; j < metrics.size(); j++) {
                Response h = replies.get(i + 1 + j);
                if (h != null) {
                    histograms.get(metrics.get(j)).add(LatencyHistogram.decode(h.toString()));
                }
            }
        }
        return new Merged(counters, histograms);
    }

    private static void addCounters(Response hash, Map<String, Long> into) {
        if (hash == null) {
            return;
        }
        if (hash.isMap()) {
            for (String field : hash.getKeys()) {
                into.merge(field, hash.get(field).toLong(), Long::sum);
            }
            return;
        }
        for (int i = 0; i + 1 < hash.size(); i += 2) {
            into.merge(hash.get(i).toString(), hash.get(i + 1).toLong(), Long::sum);
        }
    }
}
