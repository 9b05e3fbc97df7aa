package com.powerx.devhotload.sandbox.driver;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The harness's pod mode (PX_SANDBOX_LISTEN), both runtimes: one orchestrator at a time, a dropped connection waits for
 * an adopter for PX_SANDBOX_RECONNECT_MS and then exits, and {@code writeFiles} stays inside the bundle root.
 */
class HarnessListenModeTest {

    @TempDir
    Path bundleRoot;
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void kill() throws InterruptedException {
        for (Process p : started) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"node", "python"})
    void oneOrchestratorAtATimeAnAdopterWithinTheGraceAndFilesOnlyUnderTheRoot(String runtime) throws Exception {
        int port = freePort();
        Process harness = start(runtime, port);

        try (Socket first = connect(port)) {
            BufferedReader in = reader(first);
            assertThat(line(in)).contains("\"event\":\"hello\"");
            try (Socket second = connect(port)) {
                assertThat(line(reader(second))).isNull(); // closed at once: two orchestrators never share a plugin
            }
            send(first, "{\"id\":1,\"op\":\"writeFiles\",\"dir\":\"v1\",\"files\":[{\"path\":\"lib/a.txt\",\"data\":\"aGk=\"}]}");
            assertThat(line(in)).contains("\"ok\":true").contains("\"written\":1");
            assertThat(Files.readString(bundleRoot.resolve("v1/lib/a.txt"))).isEqualTo("hi");
            // a file larger than one request arrives in pieces: append adds to it, without append it is replaced
            send(first, "{\"id\":4,\"op\":\"writeFiles\",\"dir\":\"v1\",\"files\":[{\"path\":\"lib/a.txt\",\"data\":\"ISE=\",\"append\":true}]}");
            assertThat(line(in)).contains("\"ok\":true");
            assertThat(Files.readString(bundleRoot.resolve("v1/lib/a.txt"))).isEqualTo("hi!!");
            send(first, "{\"id\":5,\"op\":\"writeFiles\",\"dir\":\"v1\",\"files\":[{\"path\":\"lib/a.txt\",\"data\":\"aGk=\"}]}");
            assertThat(line(in)).contains("\"ok\":true");
            assertThat(Files.readString(bundleRoot.resolve("v1/lib/a.txt"))).isEqualTo("hi");
            send(first, "{\"id\":2,\"op\":\"writeFiles\",\"dir\":\"v1\",\"files\":[{\"path\":\"../../escape.txt\",\"data\":\"aGk=\"}]}");
            assertThat(line(in)).contains("\"ok\":false").contains("BAD_REQUEST");
            send(first, "{\"id\":3,\"op\":\"writeFiles\",\"dir\":\"../elsewhere\",\"files\":[]}");
            assertThat(line(in)).contains("\"ok\":false").contains("outsidethebundleroot");
        }
        assertThat(bundleRoot.getParent().resolve("escape.txt")).doesNotExist();

        Thread.sleep(300);
        assertThat(harness.isAlive()).isTrue(); // waiting for an adopter
        try (Socket adopter = connect(port)) {
            assertThat(line(reader(adopter))).contains("\"event\":\"hello\"");
        }
        assertThat(harness.waitFor(10, TimeUnit.SECONDS)).isTrue(); // nobody came back within the grace
        assertThat(harness.exitValue()).isZero();
    }

    private Process start(String runtime, int port) throws IOException {
        Path dir = FakeKubelet.HARNESS;
        ProcessBuilder builder = "node".equals(runtime)
                ? new ProcessBuilder("node", dir.resolve("harness.mjs").toString())
                : new ProcessBuilder("python3", "-u", dir.resolve("harness.py").toString());
        builder.environment().put("PX_SANDBOX_LISTEN", "127.0.0.1:" + port);
        builder.environment().put("PX_SANDBOX_BUNDLE_ROOT", bundleRoot.toString());
        builder.environment().put("PX_SANDBOX_RECONNECT_MS", "1500");
        builder.environment().put("PX_SANDBOX_PDEATHSIG", "0");
        Process process = builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        started.add(process);
        return process;
    }

    private static Socket connect(int port) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            try {
                return new Socket("127.0.0.1", port);
            } catch (IOException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    /** One reply or event, without the blanks python's JSON puts after separators. */
    private static String line(BufferedReader in) throws IOException {
        String line = in.readLine();
        return line == null ? null : line.replace(" ", "");
    }

    private static void send(Socket socket, String line) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
