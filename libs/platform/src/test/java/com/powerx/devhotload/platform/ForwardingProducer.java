package com.powerx.devhotload.platform;

import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.metrics.KafkaMetric;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

/** A real producer behind a seam where a test can inject a fault. */
class ForwardingProducer implements Producer<String, byte[]> {

    private final Producer<String, byte[]> delegate;

    ForwardingProducer(Producer<String, byte[]> delegate) {
        this.delegate = delegate;
    }

    @Override public void initTransactions() { delegate.initTransactions(); }
    @Override public void beginTransaction() { delegate.beginTransaction(); }
    @Override public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) { delegate.sendOffsetsToTransaction(offsets, group); }
    @Override public void commitTransaction() { delegate.commitTransaction(); }
    @Override public void abortTransaction() { delegate.abortTransaction(); }
    @Override public void registerMetricForSubscription(KafkaMetric metric) { delegate.registerMetricForSubscription(metric); }
    @Override public void unregisterMetricFromSubscription(KafkaMetric metric) { delegate.unregisterMetricFromSubscription(metric); }
    @Override public Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) { return send(record, null); }
    @Override public Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) { return delegate.send(record, callback); }
    @Override public void flush() { delegate.flush(); }
    @Override public List<PartitionInfo> partitionsFor(String topic) { return delegate.partitionsFor(topic); }
    @Override public Map<MetricName, ? extends Metric> metrics() { return delegate.metrics(); }
    @Override public Uuid clientInstanceId(Duration timeout) { return delegate.clientInstanceId(timeout); }
    @Override public void close() { delegate.close(); }
    @Override public void close(Duration timeout) { delegate.close(timeout); }
}
