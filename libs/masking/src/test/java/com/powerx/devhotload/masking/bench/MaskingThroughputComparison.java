package com.powerx.devhotload.masking.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Interleaved A/B of two builds of the masking engine in one JVM — what a change costs, measured so that both sides
 * see the same machine load (this build machine is shared; run-to-run noise is larger than most changes). Each
 * side is loaded from its own class directories in its own class loader; both mask the same {@link
 * MaskingThroughput} mix in alternating CPU-time slices, and the medians are compared. Run with
 * {@code bench/masking/compare}.
 *
 * <p>Arguments: base classes dir, base test-classes dir, candidate classes dir, candidate test-classes dir, slices,
 * seconds per slice; then the dependency jars.
 */
public final class MaskingThroughputComparison {

    private MaskingThroughputComparison() {
    }

    /** One build: its engine, its {@code mask(String)} method, its copy of the mix. */
    private record Side(Object engine, Method mask, List<String> mix) {
    }

    public static void main(String[] args) throws Exception {
        List<String> deps = List.of(args).subList(6, args.length);
        Side base = load(args[0], args[1], deps);
        Side candidate = load(args[2], args[3], deps);
        int slices = Integer.parseInt(args[4]);
        double seconds = Double.parseDouble(args[5]);
        long bytes = base.mix().stream().mapToLong(String::length).sum();
        for (int w = 0; w < 3; w++) {
            passesPerCpuSecond(base, 2);
            passesPerCpuSecond(candidate, 2);
        }
        List<Double> b = new ArrayList<>();
        List<Double> c = new ArrayList<>();
        for (int i = 0; i < slices; i++) {
            b.add(passesPerCpuSecond(base, seconds) * bytes / 1e6);
            c.add(passesPerCpuSecond(candidate, seconds) * bytes / 1e6);
        }
        Collections.sort(b);
        Collections.sort(c);
        double bm = b.get(b.size() / 2);
        double cm = c.get(c.size() / 2);
        System.out.printf(Locale.ROOT, "base %.1f MB per CPU-second (median of %d), candidate %.1f: candidate/base %.3f,"
                        + " load average %.1f%n", bm, slices, cm, cm / bm,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static Side load(String classes, String testClasses, List<String> deps) throws Exception {
        List<URL> urls = new ArrayList<>();
        urls.add(Path.of(classes).toUri().toURL());
        urls.add(Path.of(testClasses).toUri().toURL());
        for (String d : deps) {
            urls.add(Path.of(d).toUri().toURL());
        }
        ClassLoader cl = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
        Class<?> engineClass = cl.loadClass("com.powerx.devhotload.masking.MaskingEngine");
        Object engine = engineClass.getMethod("withDefaultRules").invoke(null);
        Method mix = cl.loadClass(MaskingThroughput.class.getName()).getDeclaredMethod("buildMix", double.class, long.class);
        mix.setAccessible(true);
        @SuppressWarnings("unchecked")
        List<String> lines = (List<String>) mix.invoke(null, 0.05, 42L);
        return new Side(engine, engineClass.getMethod("mask", String.class), lines);
    }

    /** Masks the mix until this thread used {@code seconds} of CPU; returns passes per CPU-second. */
    private static double passesPerCpuSecond(Side side, double seconds) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long start = mx.getCurrentThreadCpuTime();
        long passes = 0;
        long sink = 0;
        while (mx.getCurrentThreadCpuTime() - start < seconds * 1e9) {
            for (String line : side.mix()) {
                sink += side.mask().invoke(side.engine(), line).hashCode();
            }
            passes++;
        }
        if (sink == 42) {
            System.out.print("");
        }
        return passes / ((mx.getCurrentThreadCpuTime() - start) / 1e9);
    }
}
