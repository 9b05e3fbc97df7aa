package com.powerx.devhotload.diagnostics.service;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * How far the evidence store has caught up with Kafka. A report must not be built from a store that has not yet
 * stored the failure it is about (the alert and the failing reload travel on different topics): collecting first
 * takes the topics' end offsets and waits until every partition's events up to them are stored — by this instance
 * (the offsets it applied) or by a peer (the group's committed offsets). Still behind after the wait: the report
 * says so and is completed from stream-gateway's replay.
 */
@ApplicationScoped
public class IngestProgress {

    static final List<String> TOPICS = List.of("dev.session.lifecycle", "dev.session.sandbox", "dev.session.log", "dev.hotload.cli",
            "plugin.debug.alert");

    private final Map<TopicPartition, Long> applied = new ConcurrentHashMap<>();
    private final String bootstrap;
    private final String group;
    private volatile Admin admin;

    public IngestProgress(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
                          @ConfigProperty(name = "mp.messaging.incoming.evidence.group.id") String group) {
        this.bootstrap = bootstrap;
        this.group = group;
    }

    public void applied(List<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> r : records) {
            applied.merge(new TopicPartition(r.topic(), r.partition()), r.offset() + 1, Math::max);
        }
    }

    /** Partitions still behind what was published when this was called, after waiting up to {@code wait}. */
    public Map<TopicPartition, Long> awaitCaughtUp(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            Map<TopicPartition, Long> ends = endOffsets();
            while (true) {
                Map<TopicPartition, Long> behind = behind(ends);
                if (behind.isEmpty() || System.nanoTime() > deadline) {
                    return behind;
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        } catch (Exception e) {
            // Kafka unreachable: the store is all there is; the report says it could not check.
            Log.warnf("cannot read Kafka offsets to check the evidence store's progress: %s", e.getMessage());
            return Map.of(new TopicPartition("unknown", -1), -1L);
        }
    }

    private Map<TopicPartition, Long> behind(Map<TopicPartition, Long> ends) throws Exception {
        Map<TopicPartition, Long> behind = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> committed = null;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            long position = applied.getOrDefault(end.getKey(), 0L);
            if (position < end.getValue()) {
                if (committed == null) {
                    committed = admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
                }
                OffsetAndMetadata c = committed.get(end.getKey());
                position = Math.max(position, c == null ? 0 : c.offset());
            }
            if (position < end.getValue()) {
                behind.put(end.getKey(), end.getValue() - position);
            }
        }
        return behind;
    }

    private Map<TopicPartition, Long> endOffsets() throws Exception {
        Admin a = admin();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        a.describeTopics(TOPICS).allTopicNames().get(5, TimeUnit.SECONDS).forEach((name, description) ->
                description.partitions().forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        a.listOffsets(request).all().get(5, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    private Admin admin() {
        Admin a = admin;
        if (a == null) {
            synchronized (this) {
                if (admin == null) {
                    Properties props = new Properties();
                    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
                    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
                    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
                    props.putAll(com.powerx.devhotload.platform.kafka.KafkaClientSecurity.settings());
                    admin = Admin.create(props);
                }
                a = admin;
            }
        }
        return a;
    }

    void close(@Observes ShutdownEvent event) {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
