package com.powerx.devhotload.bench;

import com.powerx.devhotload.devstack.Bundles;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * P8 (docs/architecture.md): one changed file in a 100 MB bundle through {@code px-plugin dev --watch} uploads ≤ 1 MB.
 * The plugin is counter-node plus 100 assets of 1 MiB of random bytes; the CLI talks to session-service through a
 * {@link CountingProxy}, so every byte it sends (request lines, headers, JSON, blobs) is counted on the wire.
 */
public final class CliBundleBench {

    private static final int ASSETS = 100;
    private static final int MIB = 1024 * 1024;

    public static void main(String[] args) throws Exception {
        int edits = Integer.parseInt(RegisterBench.arg(args, "--edits", "10"));
        URI api = URI.create(RegisterBench.arg(args, "--session-url", "http://127.0.0.1:8081"));
        Path work = Files.createTempDirectory("px-bench-cli-bundle");
        Path plugin = Bundles.copyPlugin(Path.of("examples/plugins/counter-node"), work.resolve("plugin"),
                "com.bench.bundle-" + UUID.randomUUID().toString().substring(0, 8));
        writeAssets(plugin.resolve("assets"));
        try (CountingProxy proxy = new CountingProxy(api.getHost(), api.getPort());
             CliRun cli = CliRun.start(work.resolve("home"), Map.of("PX_DEV_API_BASE_URL", proxy.url()),
                     "dev", "--watch", "--json", "--entry", plugin.toString())) {
            long start = System.nanoTime();
            cli.next("ready", 600);
            report("first run: register + upload of the whole bundle", proxy.upstreamBytes(), System.nanoTime() - start);
            long small = 0;
            for (int i = 0; i < edits; i++) {
                small = Math.max(small, edit(cli, proxy, plugin.resolve("index.mjs"), i));
            }
            report("**P8: one changed source file (index.mjs), worst of " + edits + " edits**", small, 0);
            long asset = edit(cli, proxy, plugin.resolve("assets/asset-042.bin"), -1);
            report("one changed 1 MiB asset (the file itself is 1 MiB)", asset, 0);
        }
    }

    /** Changes one file, waits for {@code reloaded}, and returns the bytes the CLI sent meanwhile. */
    private static long edit(CliRun cli, CountingProxy proxy, Path file, int round) throws Exception {
        Thread.sleep(300);
        cli.drain();
        long before = proxy.upstreamBytes();
        if (round >= 0) {
            Files.writeString(file, Files.readString(file).replaceFirst("counter v1 ready[^`]*`", "counter v1 ready (edit " + round + ")`"));
        } else {
            byte[] bytes = Files.readAllBytes(file);
            bytes[0] ^= 0x5a;
            Files.write(file, bytes);
        }
        cli.next("reloaded", 60);
        Thread.sleep(200); // anything sent right after the outcome belongs to this edit too
        return proxy.upstreamBytes() - before;
    }

    private static void writeAssets(Path dir) throws Exception {
        Files.createDirectories(dir);
        Random random = new Random(42);
        byte[] bytes = new byte[MIB];
        for (int i = 0; i < ASSETS; i++) {
            random.nextBytes(bytes);
            Files.write(dir.resolve(String.format(Locale.ROOT, "asset-%03d.bin", i)), bytes);
        }
    }

    private static void report(String what, long bytes, long nanos) {
        System.out.printf(Locale.ROOT, "| %s | %,d bytes (%.3f MB) |%s%n", what, bytes, bytes / 1e6,
                nanos > 0 ? String.format(Locale.ROOT, " %.1f s |", nanos / 1e9) : " |");
    }
}
