package com.powerx.devhotload.devstack;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real S3 API server: s3proxy on jclouds' filesystem backend, in its own JVM. It runs from s3proxy's self-contained
 * jar rather than from our classpath because it brings Jetty 11, jclouds, Guice and logback, which clash with a
 * Quarkus test classpath. A module that uses it copies the jar with maven-dependency-plugin (see session-service's
 * pom) to {@code target/s3proxy/s3proxy.jar}, or names it in {@code -Dpx.devstack.s3proxy-jar}.
 * Requests are checked with AWS signatures (v2 or v4, pre-signed URLs included) against {@link #ACCESS_KEY} and
 * {@link #SECRET_KEY}, as a real bucket would.
 */
public final class S3ProxyNode implements AutoCloseable {

    public static final String ACCESS_KEY = "px-devstack";
    public static final String SECRET_KEY = "px-devstack-secret";
    public static final String REGION = "us-east-1";
    static final String JAR_PROPERTY = "px.devstack.s3proxy-jar";

    private final Process process;
    private final Path dataDir;
    private final String endpoint;

    private S3ProxyNode(Process process, Path dataDir, String endpoint) {
        this.process = process;
        this.dataDir = dataDir;
        this.endpoint = endpoint;
    }

    /** Starts s3proxy on {@code port}, objects under {@code dir}/data, and waits until it accepts connections. */
    public static S3ProxyNode start(Path dir, int port) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty(JAR_PROPERTY, "target/s3proxy/s3proxy.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IOException("s3proxy jar not found at " + jar + ": copy org.gaul:s3proxy:jar-with-dependencies there "
                    + "(maven-dependency-plugin) or set -D" + JAR_PROPERTY);
        }
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        String endpoint = "http://127.0.0.1:" + port;
        Properties p = new Properties();
        p.setProperty("s3proxy.endpoint", endpoint);
        p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        p.setProperty("s3proxy.identity", ACCESS_KEY);
        p.setProperty("s3proxy.credential", SECRET_KEY);
        p.setProperty("jclouds.provider", "filesystem-nio2");
        p.setProperty("jclouds.identity", ACCESS_KEY); // the backend's own (unused) credentials, required by s3proxy
        p.setProperty("jclouds.credential", SECRET_KEY);
        p.setProperty("jclouds.filesystem.basedir", data.toAbsolutePath().toString());
        Path config = dir.resolve("s3proxy.conf");
        try (var out = Files.newOutputStream(config)) {
            p.store(out, "written by px-devstack");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xms32m", "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-jar", jar.toString(), "--properties", config.toAbsolutePath().toString()))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("s3proxy.log").toFile()))
                .redirectErrorStream(true)
                .start();
        // StaleRuns kills it if this JVM dies without its shutdown hook.
        Files.writeString(dir.resolve("s3proxy.pid"), Long.toString(process.pid()));
        S3ProxyNode node = new S3ProxyNode(process, data, endpoint);
        node.awaitListening(port, dir.resolve("s3proxy.log"));
        return node;
    }

    private void awaitListening(int port, Path log) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                // The run folder is deleted when the JVM exits: quote the log's end rather than only its path.
                String text = Files.readString(log);
                throw new IOException("s3proxy exited with " + process.exitValue() + ": " + text.substring(Math.max(0, text.length() - 1000)));
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        close();
        throw new IOException("s3proxy not listening on " + port + " after 60 s, see " + log);
    }

    /** The server another class loader of this JVM started in {@code dir} (Quarkus reloads test classes per profile). */
    static S3ProxyNode attach(String endpoint, Path dir) {
        return new S3ProxyNode(null, dir.resolve("data"), endpoint);
    }

    /** Creates a bucket if missing. On the filesystem backend a bucket is a folder, so no signed request is needed. */
    public void createBucket(String name) {
        try {
            Files.createDirectories(dataDir.resolve(name));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public String endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
