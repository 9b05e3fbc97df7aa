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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A PostgreSQL server: embedded (zonky binaries, a real postgres process) or an external one given by URL. */
public final class PostgresNode implements AutoCloseable, Crashable {

    private static final Pattern DB_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final EmbeddedPostgres embedded;
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    /** The data directory of an embedded server (postmaster.pid and postmaster.opts live there). */
    private final Path dataDir;
    private Process restarted;

    private PostgresNode(EmbeddedPostgres embedded, Path dataDir, String host, int port, String user, String password) {
        this.embedded = embedded;
        this.dataDir = dataDir;
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /**
     * Starts a postgres process. {@code persistent} keeps the data directory between runs and is durable (local run:
     * every acknowledged commit survives a kill -9 and a power loss); otherwise fsync is off because test data is
     * thrown away — but commits are still synchronous, so a test that kills the server loses no acknowledged commit.
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
        // synchronous_commit is what a kill -9 of postgres alone tests (unflushed WAL in shared memory dies with it);
        // fsync and full_page_writes only matter when the machine itself goes down.
        String durable = persistent ? "on" : "off";
        builder.setServerConfig("fsync", durable)
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", durable);
        EmbeddedPostgres pg = builder.start();
        return new PostgresNode(pg, dataDir.toAbsolutePath(), "127.0.0.1", pg.getPort(), "postgres", "postgres");
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
        return new PostgresNode(null, null, uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432, user, password);
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
    public String name() {
        return "postgres";
    }

    /** The postmaster (from postmaster.pid; zonky starts it through pg_ctl, which detaches it) and its backends. */
    @Override
    public List<Long> pids() {
        if (embedded == null) {
            throw new IllegalStateException("an external PostgreSQL cannot be hurt from here");
        }
        try {
            return Crashable.withDescendants(Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).getFirst().strip()));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("no postmaster pid in " + dataDir, e);
        }
    }

    /**
     * Starts the postmaster again with the command line it had (postmaster.opts, which PostgreSQL writes for
     * {@code pg_ctl restart}), on the same data directory — crash recovery replays the WAL — and waits until it
     * answers a query. zonky's own object cannot start twice, and closing it would delete a throw-away data directory;
     * it still stops this server at {@link #close()} (pg_ctl stop finds the new postmaster through postmaster.pid).
     */
    @Override
    public void restart() throws IOException, InterruptedException {
        if (embedded == null) {
            throw new IllegalStateException("an external PostgreSQL cannot be restarted from here");
        }
        String opts = Files.readString(dataDir.resolve("postmaster.opts")).strip();
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            // postgres refuses to run as root; zonky runs it in a user namespace of its own, and so do we.
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(opts.substring(0, opts.indexOf(' ')));
        Matcher quoted = Pattern.compile("\"([^\"]*)\"").matcher(opts.substring(opts.indexOf(' ')));
        while (quoted.find()) {
            command.add(quoted.group(1));
        }
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-restart.log");
        restarted = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        SQLException last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!restarted.isAlive()) {
                throw new IOException("postgres exited with " + restarted.exitValue() + " on restart: " + Files.readString(log).strip());
            }
            try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), user, password);
                 var ping = c.createStatement()) {
                ping.execute("SELECT 1");
                return;
            } catch (SQLException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw new IOException("postgres did not come back within 60 s, see " + log, last);
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
