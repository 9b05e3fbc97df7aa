package com.powerx.devhotload.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.regex.Pattern;

/** A PostgreSQL server: embedded (zonky binaries, a real postgres process) or an external one given by URL. */
public final class PostgresNode implements AutoCloseable {

    private static final Pattern DB_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final EmbeddedPostgres embedded;
    private final String host;
    private final int port;
    private final String user;
    private final String password;

    private PostgresNode(EmbeddedPostgres embedded, String host, int port, String user, String password) {
        this.embedded = embedded;
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /**
     * Starts a postgres process. {@code persistent} keeps the data directory between runs and is durable (local run:
     * every acknowledged commit survives a kill -9); otherwise durability is relaxed because test data is thrown away.
     */
    public static PostgresNode embedded(Path workDir, Path dataDir, int port, boolean persistent) throws IOException {
        Files.createDirectories(workDir);
        Files.createDirectories(dataDir);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(workDir.toFile())
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(!persistent)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "400")
                .setServerConfig("listen_addresses", "127.0.0.1");
        // zonky always starts postgres with -F (fsync off) and synchronous_commit=off: fine for throw-away test data,
        // not for the local run's data (a kill -9 lost acknowledged commits). A later -c wins over -F on the command line.
        String durable = persistent ? "on" : "off";
        builder.setServerConfig("fsync", durable)
                .setServerConfig("synchronous_commit", durable)
                .setServerConfig("full_page_writes", durable);
        EmbeddedPostgres pg = builder.start();
        return new PostgresNode(pg, "127.0.0.1", pg.getPort(), "postgres", "postgres");
    }

    /** An already running server, {@code postgresql://[user[:password]@]host:port}. */
    public static PostgresNode external(String url) {
        URI uri = URI.create(url.replaceFirst("^jdbc:", ""));
        String user = "postgres";
        String password = "postgres";
        if (uri.getUserInfo() != null) {
            String[] parts = uri.getUserInfo().split(":", 2);
            user = parts[0];
            password = parts.length > 1 ? parts[1] : "";
        }
        return new PostgresNode(null, uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432, user, password);
    }

    /** Creates the database if it does not exist yet (services own one database each). */
    public void ensureDatabase(String name) {
        if (!DB_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid database name: " + name);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), user, password);
             var check = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            check.setString(1, name);
            if (!check.executeQuery().next()) {
                try (var create = c.createStatement()) {
                    create.execute("CREATE DATABASE " + name);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " on " + host + ":" + port, e);
        }
    }

    public String host() { return host; }
    public int port() { return port; }
    public String user() { return user; }
    public String password() { return password; }

    /** Base URL without a database, the form of {@code PX_PG_URL}. */
    public String baseUrl() {
        return "postgresql://" + host + ":" + port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String reactiveUrl(String database) {
        return baseUrl() + "/" + database;
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
