package com.powerx.devhotload.devstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the fault-injection suite does to the dependencies works, and the throw-away test servers keep what they
 * acknowledged through it: a killed PostgreSQL comes back on its WAL, a killed Redis on its append-only file, and a
 * paused one answers nothing until it is resumed.
 */
class CrashableNodesTest {

    @Test
    void aKilledPostgresComesBackWithEveryCommittedRow(@TempDir Path dir) throws Exception {
        try (PostgresNode pg = PostgresNode.embedded(dir.resolve("work"), dir.resolve("data"), FreePorts.next(), false)) {
            try (Connection c = connect(pg); var st = c.createStatement()) {
                st.execute("CREATE TABLE acked (n int primary key)");
                for (int i = 0; i < 200; i++) {
                    st.execute("INSERT INTO acked VALUES (" + i + ")"); // each one its own acknowledged commit
                }
            }
            long before = pg.pids().getFirst();
            pg.kill();
            assertThat(ProcessHandle.of(before).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThatThrownBy(() -> connect(pg).close()).isInstanceOf(SQLException.class);

            pg.restart();
            assertThat(pg.pids().getFirst()).isNotEqualTo(before);
            try (Connection c = connect(pg); var rs = c.createStatement().executeQuery("SELECT count(*) FROM acked")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(200);
            }
        }
    }

    @Test
    void aKilledRedisComesBackWithEveryAcknowledgedWriteAndAPausedOneAnswersNothing(@TempDir Path dir) throws Exception {
        try (RedisNode redis = RedisNode.embedded(dir.resolve("redis"), FreePorts.next())) {
            for (int i = 0; i < 100; i++) {
                assertThat(command(redis, "SET k" + i + " v" + i)).isEqualTo("+OK");
            }
            redis.kill();
            redis.restart();
            assertThat(command(redis, "DBSIZE")).isEqualTo(":100");
            assertThat(command(redis, "GET k99")).isEqualTo("$3");

            redis.pause();
            try {
                assertThatThrownBy(() -> command(redis, "PING")).isInstanceOf(SocketTimeoutException.class);
            } finally {
                redis.resume();
            }
            assertThat(command(redis, "PING")).isEqualTo("+PONG");
        }
    }

    private static Connection connect(PostgresNode pg) throws SQLException {
        return DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.user(), pg.password());
    }

    /** One inline command; the first line of the answer. */
    private static String command(RedisNode redis, String line) throws Exception {
        URI uri = URI.create(redis.uri());
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2000);
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }
}
