package com.powerx.devhotload.masking.bench;

import com.powerx.devhotload.masking.MaskingEngine;
import com.powerx.devhotload.masking.corpus.CorpusCase;
import com.powerx.devhotload.masking.corpus.NegativeCorpus;
import com.powerx.devhotload.masking.corpus.PositiveCorpus;
import com.powerx.devhotload.masking.corpus.Tokens;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Single-threaded throughput of the full bundled rule set on a realistic log mix: mostly ordinary lines, about 5%
 * carrying a secret, lengths 80-400 characters. Run with {@code bench/masking/run}.
 *
 * <p>Arguments (optional): measured CPU-seconds (default 8), warm-up CPU-seconds (default 4), secret share in
 * percent (default 5). Durations count CPU time of the benchmark thread, so a busy machine lengthens the run instead
 * of shortening the JIT warm-up; both wall-clock and per-CPU-second throughput are printed.
 */
public final class MaskingThroughput {

    private static final int LINES = 20_000;

    private MaskingThroughput() {
    }

    public static void main(String[] args) {
        double measureSeconds = args.length > 0 ? Double.parseDouble(args[0]) : 8;
        double warmupSeconds = args.length > 1 ? Double.parseDouble(args[1]) : 4;
        double secretShare = (args.length > 2 ? Double.parseDouble(args[2]) : 5) / 100.0;

        List<String> lines = buildMix(secretShare, 42L);
        long bytes = 0;
        for (String l : lines) {
            bytes += l.getBytes(StandardCharsets.UTF_8).length;
        }
        MaskingEngine engine = MaskingEngine.withDefaultRules();
        System.out.printf(Locale.ROOT, "mix: %d lines, %.1f KiB, avg %.0f bytes/line, %.1f%% with secrets, rules %s (%d)%n",
                lines.size(), bytes / 1024.0, (double) bytes / lines.size(), secretShare * 100,
                engine.rulesVersion(), engine.activeRules().size());

        run(engine, lines, warmupSeconds, bytes, "warm-up");
        Result r = run(engine, lines, measureSeconds, bytes, "measure");
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.printf(Locale.ROOT, "throughput: %.1f MB/s (%.1f MB/s per CPU-second of this thread), %.0f lines/s; single"
                        + " thread, %d passes, %d redactions/pass, JDK %s, %d cores, load average %.1f%n",
                r.mbPerSecond, r.cpuMbPerSecond, r.linesPerSecond, r.passes, r.redactions, Runtime.version(),
                Runtime.getRuntime().availableProcessors(), load);
    }

    private record Result(double mbPerSecond, double linesPerSecond, long passes, long redactions, double cpuMbPerSecond) {
    }

    /**
     * Runs passes over the mix until this thread has used {@code cpuSeconds} of CPU (or 20x that of wall time),
     * so warm-up and measurement are not cut short when other processes share the cores.
     */
    private static Result run(MaskingEngine engine, List<String> lines, double cpuSeconds, long bytesPerPass,
                              String phase) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = mx.getCurrentThreadCpuTime();
        long cpuBudget = (long) (cpuSeconds * 1e9);
        long start = System.nanoTime();
        long wallLimit = start + 20 * cpuBudget;
        long passes = 0;
        long redactions = 0;
        long sink = 0;
        do {
            long r = 0;
            for (String line : lines) {
                var res = engine.mask(line);
                r += res.redactions();
                sink += res.text().length();
            }
            redactions = r;
            passes++;
        } while (mx.getCurrentThreadCpuTime() - cpuStart < cpuBudget && System.nanoTime() < wallLimit);
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpu = (mx.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        double mb = passes * bytesPerPass / 1e6;
        if (sink == 42) {
            System.out.print("");
        }
        System.out.printf(Locale.ROOT, "%s: %.2f s wall, %.2f s CPU, %.1f MB/s wall, %.1f MB/s per CPU-second%n", phase,
                elapsed, cpu, mb / elapsed, mb / cpu);
        return new Result(mb / elapsed, passes * lines.size() / elapsed, passes, redactions, mb / cpu);
    }

    /** Ordinary log lines padded to 80-400 chars, plus single-line secrets from the positive corpus. */
    static List<String> buildMix(double secretShare, long seed) {
        Random r = new Random(seed);
        Tokens t = new Tokens(seed);
        List<String> ordinary = new ArrayList<>();
        for (CorpusCase c : NegativeCorpus.generate(seed, 40)) {
            if (c.text().indexOf('\n') < 0) {
                ordinary.add(c.text());
            }
        }
        List<String> secret = new ArrayList<>();
        for (CorpusCase c : PositiveCorpus.generate(seed, 4)) {
            if (c.text().indexOf('\n') < 0 && c.text().length() <= 400) {
                secret.add(c.text());
            }
        }
        String[] fillers = {" tenant=acme", " region=eu-central-1", " latency_ms=", " bytes=", " status=200",
            " user_agent=\"Mozilla/5.0 (X11; Linux x86_64)\"", " path=/api/v1/sessions/", " retries=0",
            " thread=http-nio-8080-exec-", " span_id=", " cache=hit", " attempt=1 of 3", " pool=hikari-1 active=4 idle=6"};
        List<String> out = new ArrayList<>(LINES);
        for (int i = 0; i < LINES; i++) {
            boolean withSecret = r.nextDouble() < secretShare;
            String base = withSecret ? secret.get(r.nextInt(secret.size())) : ordinary.get(r.nextInt(ordinary.size()));
            int target = 80 + r.nextInt(321);
            StringBuilder b = new StringBuilder(base);
            while (b.length() < target) {
                String f = fillers[r.nextInt(fillers.length)];
                b.append(f);
                if (f.endsWith("=") || f.endsWith("-")) {
                    b.append(f.contains("span") ? t.hex(16) : String.valueOf(r.nextInt(5000)));
                }
            }
            String line = b.length() > 400 && !withSecret ? b.substring(0, 400) : b.toString();
            out.add(line);
        }
        Collections.shuffle(out, r);
        return out;
    }
}
