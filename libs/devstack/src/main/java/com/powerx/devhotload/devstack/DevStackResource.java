package com.powerx.devhotload.devstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * Quarkus test resource: points a service at the JVM's shared {@link DevStack} and at the test JVM's
 * {@link LocalTokens} key. Arguments: {@code database}
 * (the service's own PostgreSQL database, created if missing), {@code redis=true}. Kafka is always wired.
 */
public class DevStackResource implements QuarkusTestResourceLifecycleManager {

    private String database;
    private boolean redis;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get("database");
        redis = Boolean.parseBoolean(initArgs.getOrDefault("redis", "false"));
    }

    @Override
    public Map<String, String> start() {
        DevStack stack = DevStack.shared();
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", stack.kafka().bootstrapServers());
        // Local mode with the test JVM's own dev key: tests act as the loopback developer or mint tenant tokens.
        config.put("px.auth.mode", "local");
        config.put("quarkus.oidc.public-key", LocalTokens.forTests().publicKey());
        if (database != null) {
            PostgresNode pg = stack.postgres();
            pg.ensureDatabase(database);
            config.put("quarkus.datasource.reactive.url", pg.reactiveUrl(database));
            config.put("quarkus.datasource.jdbc.url", pg.jdbcUrl(database));
            config.put("quarkus.datasource.username", pg.user());
            config.put("quarkus.datasource.password", pg.password());
        }
        if (redis) {
            config.put("quarkus.redis.hosts", stack.redis().uri());
        }
        return config;
    }

    @Override
    public void stop() {
        // The stack outlives each test class; its shutdown hook stops it when the JVM exits.
    }
}
