package com.powerx.devhotload.devstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local run's PostgreSQL keeps every acknowledged commit (zonky's defaults turn fsync and synchronous commit off,
 * and a kill -9 of the local server once lost an answered register); the tests' throw-away servers stay fast.
 */
class PostgresDurabilityTest {

    @Test
    void aPersistentServerIsDurable(@TempDir Path dir) throws Exception {
        try (PostgresNode node = PostgresNode.embedded(dir.resolve("work"), dir.resolve("data"), FreePorts.next(), true)) {
            assertThat(settings(node)).isEqualTo(
                    Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on"));
        }
    }

    @Test
    void aThrowAwayServerTradesDurabilityForSpeedButNotAgainstAKill(@TempDir Path dir) throws Exception {
        try (PostgresNode node = PostgresNode.embedded(dir.resolve("work"), dir.resolve("data"), FreePorts.next(), false)) {
            assertThat(settings(node)).isEqualTo(
                    Map.of("fsync", "off", "synchronous_commit", "on", "full_page_writes", "off"));
        }
    }

    private static Map<String, String> settings(PostgresNode node) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(node.jdbcUrl("postgres"), node.user(), node.password())) {
            for (String name : new String[] {"fsync", "synchronous_commit", "full_page_writes"}) {
                try (ResultSet rs = c.createStatement().executeQuery("SHOW " + name)) {
                    rs.next();
                    out.put(name, rs.getString(1));
                }
            }
        }
        return out;
    }
}
