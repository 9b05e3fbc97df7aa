package com.powerx.devhotload.telemetry.messaging;

import com.powerx.devhotload.telemetry.repository.RedisKeys;
import com.powerx.devhotload.telemetry.repository.RedisStore;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Instant;
import java.util.Collection;

/**
 * When the consumer gets its partitions and Redis holds no state marker (a Redis that lost its data, or a first start),
 * the consumer is rewound to the start of the topics' retention: replaying rebuilds the session directory, rule state,
 * alerts and rollups, and re-published alerts carry the same ids as the first time (consumers drop them).
 */
@ApplicationScoped
@Identifier("telemetry-rebuild")
public class RebuildOnEmptyStore implements KafkaConsumerRebalanceListener {

    private final RedisStore redis;

    public RebuildOnEmptyStore(RedisStore redis) {
        this.redis = redis;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        var created = redis.send(Request.cmd(Command.SET).arg(RedisKeys.STATE_MARKER).arg(Instant.now().toString()).arg("NX"));
        if (created != null) {
            Log.infof("telemetry-ingest: no state in Redis, rebuilding from the start of %d partitions", partitions.size());
            consumer.seekToBeginning(partitions);
        }
    }
}
