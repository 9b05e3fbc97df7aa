package com.powerx.devhotload.sandbox.driver;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.powerx.devhotload.sandbox.config.SandboxConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.File;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * node and python sandboxes: one harness process per session (docs/sandbox-protocol.md), started with only the
 * environment a plugin may see, connected over a Unix domain socket of its own under the work directory.
 */
@ApplicationScoped
public class ProcessSandboxDriver implements SandboxDriver {

    private static final long CONNECT_TIMEOUT_MS = 30_000;

    private final SandboxConfig config;
    private final HarnessInstallation installation;

    public ProcessSandboxDriver(SandboxConfig config, HarnessInstallation installation) {
        this.config = config;
        this.installation = installation;
    }

    @Override
    public boolean handles(String runtime) {
        return "process".equals(config.driver()) && ("node".equals(runtime) || "python".equals(runtime));
    }

    @Override
    public RunningSandbox start(SandboxSpec spec, SandboxListener listener) throws SandboxStartException {
        List<String> command = command(spec.runtime());
        Path socket = installation.socketDir().resolve(UUID.randomUUID().toString().substring(0, 13) + ".sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            server.configureBlocking(false);
            Process process = launch(spec, command, socket);
            HarnessProcess sandbox = new HarnessProcess(spec, process, listener);
            SocketChannel channel = accept(server, process);
            sandbox.connect(channel);
            sandbox.load(spec.bundleDir().toString(), loadTimeoutMs());
            return sandbox;
        } catch (IOException e) {
            throw new SandboxStartException("cannot start the " + spec.runtime() + " sandbox: " + e.getMessage(), "start", "");
        } finally {
            try {
                Files.deleteIfExists(socket);
            } catch (IOException ignored) {
                // a stale socket file only costs a directory entry
            }
        }
    }

    private long loadTimeoutMs() {
        return 3L * config.hookTimeoutMs() + 30_000;
    }

    private List<String> command(String runtime) throws SandboxStartException {
        String interpreter = "node".equals(runtime) ? config.nodeCommand() : config.pythonCommand();
        Path executable = onPath(interpreter).orElseThrow(() -> new SandboxStartException(
                "runtime " + runtime + " is not available on this host: '" + interpreter + "' was not found on PATH", "start", ""));
        Path harness = installation.harnessDir();
        return "node".equals(runtime)
                ? List.of(executable.toString(), harness.resolve("harness.mjs").toString())
                : List.of(executable.toString(), "-u", harness.resolve("harness.py").toString());
    }

    static Optional<Path> onPath(String command) {
        if (command.contains(File.separator)) {
            Path p = Path.of(command);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, command);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private Process launch(SandboxSpec spec, List<String> command, Path socket) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(spec.bundleDir().getParent().toFile());
        Map<String, String> env = builder.environment();
        Map<String, String> inherited = Map.copyOf(env);
        env.clear(); // plugins see only what they need: no inherited credentials
        for (String name : List.of("PATH", "HOME", "LANG", "TZ")) {
            if (inherited.containsKey(name)) {
                env.put(name, inherited.get(name));
            }
        }
        // The harness's own settings: it reads them at start and removes them before any plugin code runs.
        env.put("PX_SANDBOX_CONTROL", socket.toString());
        env.put("PX_SANDBOX_SESSION", spec.sessionId());
        env.put("PX_SANDBOX_HOOK_TIMEOUT_MS", Integer.toString(config.hookTimeoutMs()));
        env.put("PX_SANDBOX_INVOKE_TIMEOUT_MS", Integer.toString(config.invokeTimeoutMs()));
        env.put("PX_SANDBOX_LOG_ECHO", "0");
        // Harnesses may be started from short-lived threads; the closed socket ends them instead.
        env.put("PX_SANDBOX_PDEATHSIG", "0");
        config.maxOldSpaceMb().ifPresent(mb -> env.put("PX_SANDBOX_MAX_OLD_SPACE_MB", Integer.toString(mb)));
        config.maxMemoryMb().ifPresent(mb -> env.put("PX_SANDBOX_MAX_MEMORY_MB", Integer.toString(mb)));
        return builder.start();
    }

    private static SocketChannel accept(ServerSocketChannel server, Process process) throws IOException, SandboxStartException {
        long deadline = System.currentTimeMillis() + CONNECT_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            SocketChannel channel = server.accept();
            if (channel != null) {
                channel.configureBlocking(true);
                return channel;
            }
            if (!process.isAlive()) {
                throw new SandboxStartException("the sandbox process exited with code " + process.exitValue()
                        + " before connecting to its control socket", "start", "");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        process.destroyForcibly();
        throw new SandboxStartException("the sandbox process did not connect within " + CONNECT_TIMEOUT_MS + " ms", "start", "");
    }

    static ObjectNode fields() {
        return JsonNodeFactory.instance.objectNode();
    }
}
