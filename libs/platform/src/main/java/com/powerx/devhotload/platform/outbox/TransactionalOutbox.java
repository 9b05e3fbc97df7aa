package com.powerx.devhotload.platform.outbox;

import com.powerx.devhotload.platform.kafka.EventProducers;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.Producer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.function.Function;

/**
 * What a PostgreSQL-owning service uses to change state and emit events atomically: run the work in a transaction,
 * append events with {@link Outbox#append} on the same connection, and the relay publishes them after commit.
 * Services without PostgreSQL exclude this package ({@code quarkus.arc.exclude-types}).
 */
@ApplicationScoped
public class TransactionalOutbox {

    private final Pool pool;
    private final OutboxConfig config;
    private final String bootstrapServers;
    private final String applicationName;
    private Producer<String, byte[]> producer;
    private OutboxRelay relay;

    public TransactionalOutbox(Pool pool, OutboxConfig config,
                               @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                               @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.pool = pool;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.applicationName = applicationName;
    }

    void start(@Observes StartupEvent event) {
        producer = EventProducers.create(bootstrapServers, applicationName + "-outbox");
        relay = new OutboxRelay(pool, producer, config.pollInterval(), config.batchSize());
        relay.start(applicationName);
    }

    void stop(@Observes ShutdownEvent event) {
        if (relay != null) {
            relay.close();
        }
        if (producer != null) {
            producer.close();
        }
    }

    /** Runs {@code work} in one transaction; when it commits, the relay is woken to publish what it appended. */
    public <T> Uni<T> inTransaction(Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(work).invoke(ignored -> relay.nudge());
    }

    public Pool pool() {
        return pool;
    }
}
