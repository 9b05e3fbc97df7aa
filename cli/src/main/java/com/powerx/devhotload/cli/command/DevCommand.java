package com.powerx.devhotload.cli.command;

import com.powerx.devhotload.cli.CliException;
import com.powerx.devhotload.cli.Exit;
import com.powerx.devhotload.cli.api.LogStream;
import com.powerx.devhotload.cli.bundle.Bundle;
import com.powerx.devhotload.cli.bundle.Limits;
import com.powerx.devhotload.cli.bundle.PluginBuild;
import com.powerx.devhotload.cli.config.DevSession;
import com.powerx.devhotload.cli.output.Event;
import com.powerx.devhotload.cli.output.Printer;
import com.powerx.devhotload.cli.telemetry.TelemetryEvent;
import com.powerx.devhotload.cli.watch.Debouncer;
import com.powerx.devhotload.cli.watch.RecursiveWatcher;
import com.powerx.devhotload.cli.watch.Scheduler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code px-plugin dev}: lint, build, register, upload, wait for the sandbox, then follow the logs and, with
 * {@code --watch}, turn every burst of saves into one reload. {@code --stop} ends the cached session, {@code --resume}
 * takes it up again with a fresh token. Ctrl-C ends the watch and keeps the session for {@code --resume}.
 */
@Command(name = "dev", mixinStandardHelpOptions = true, description = "Run a plugin in a Dev Hotload sandbox and hot-reload it on save.")
public final class DevCommand extends Subcommand implements Callable<Integer> {

    @Option(names = "--watch", description = "Reload on every save (debounced).")
    boolean watch;

    @Option(names = "--entry", paramLabel = "DIR", defaultValue = ".", description = "The plugin folder (default: .).")
    Path entry;

    @Option(names = "--tenant", paramLabel = "T", description = "Tenant to register under (sent as 'tenant'; the credentials decide).")
    String tenant;

    @Option(names = "--runtime", paramLabel = "node|python|external", description = "Overrides the manifest's runtime.")
    String runtime;

    @Option(names = "--max-bundle-size", paramLabel = "BYTES", description = "Refuse a bundle (or file) larger than this, before any upload (default 256 MiB).")
    Long maxBundleSize;

    @Option(names = "--debounce", paramLabel = "MS", defaultValue = "150", description = "Quiet time that ends a burst of saves (default 150 ms).")
    long debounceMs;

    @Option(names = "--takeover", description = "Replace an active session of the same plugin without asking.")
    boolean takeover;

    @Option(names = "--stop", description = "End the cached session.")
    boolean stop;

    @Option(names = "--resume", description = "Take the cached session up again with a fresh reload token.")
    boolean resume;

    @Option(names = "--detach", description = "Return once the sandbox is ready instead of following its log (not with --watch).")
    boolean detach;

    @Option(names = "--ready-timeout", paramLabel = "SECONDS", defaultValue = "90", description = "How long to wait for the sandbox (default 90 s).")
    long readyTimeoutSeconds;

    private final CountDownLatch finished = new CountDownLatch(1);
    private final List<AutoCloseable> running = new CopyOnWriteArrayList<>();
    private LogStream logs;
    private final AtomicInteger exitCode = new AtomicInteger(Exit.OK);

    @Override
    public Integer call() {
        validateOptions();
        if (stop) {
            return stopSession();
        }
        CliContext ctx = ctx();
        logs = ctx.logStream();
        PluginFolder folder;
        DevSession session;
        if (resume) {
            session = resumeSession();
            folder = new PluginFolder(Path.of(session.entryDir()), runtime, limits());
        } else {
            folder = new PluginFolder(entry, runtime, limits());
            session = start(folder);
        }
        // From here on a session exists: Ctrl-C must leave it cached for --resume, whatever step we are in.
        Thread hook = new Thread(() -> onInterrupt(session));
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            boolean ready = new SessionStarter(ctx).awaitReady(session, Duration.ofSeconds(readyTimeoutSeconds), pathsOf(session));
            if (!ready && !watch) {
                return Exit.API;
            }
            if (detach && !watch) {
                return Exit.OK;
            }
            return follow(folder, ctx.sessions().load().orElse(session));
        } finally {
            removeHook(hook);
            closeAll(running);
            saveLastEventId(logs);
            flushTelemetry();
        }
    }

    private void validateOptions() {
        if (stop && resume) {
            throw CliException.invalid("--stop and --resume exclude each other", null);
        }
        if (runtime != null && !List.of("node", "python", "external").contains(runtime)) {
            throw CliException.invalid("--runtime must be node, python or external, not '" + runtime + "'", null);
        }
        if (debounceMs < 0 || debounceMs > 60_000) {
            throw CliException.invalid("--debounce must be between 0 and 60000 ms", null);
        }
        if (maxBundleSize != null && maxBundleSize <= 0) {
            throw CliException.invalid("--max-bundle-size must be positive", null);
        }
    }

    private Limits limits() {
        return Limits.DEFAULT.withMaxBundle(maxBundleSize);
    }

    private DevSession start(PluginFolder folder) {
        CliContext ctx = ctx();
        String pluginId = folder.manifest().id();
        PluginBuild.Result build = folder.build(ctx.printer(), ctx.telemetry(), null);
        if (build != null && !build.success()) {
            throw CliException.invalid("the build failed (exit " + build.exitCode() + "): " + SessionStarter.firstLine(lastLines(build.outputTail())),
                    "fix the build and run px-plugin dev again");
        }
        Bundle bundle = folder.scan();
        folder.requireValid(folder.lint(bundle), ctx.printer(), ctx.telemetry(), null);
        try {
            return new SessionStarter(ctx).register(folder, bundle, tenant, takeover);
        } catch (CliException e) {
            ctx.telemetry().error(e.errorCode(), null, pluginId);
            throw e;
        }
    }

    private DevSession resumeSession() {
        CliContext ctx = ctx();
        DevSession cached = ctx.sessions().require();
        String token;
        try {
            token = ctx.devApi().resume(cached.sessionId(), com.powerx.devhotload.cli.api.Auth.developer(ctx.endpoints().token()));
        } catch (CliException e) {
            if ("DEV_SESSION_ENDED".equals(e.errorCode()) || "DEV_NOT_FOUND".equals(e.errorCode())) {
                ctx.sessions().clear();
                throw CliException.api(e.errorCode(), "session " + cached.sessionId() + " cannot be resumed: " + e.getMessage(),
                        "register a new one with px-plugin dev");
            }
            throw e;
        }
        DevSession session = cached.withToken(token);
        ctx.sessions().save(session);
        ctx.printer().event(Event.of("registered").sessionId(session.sessionId()).message("resumed " + session.pluginId() + " with a fresh reload token")
                .put("pluginId", session.pluginId()).put("adminUrl", session.adminUrl()));
        return session;
    }

    private int stopSession() {
        CliContext ctx = ctx();
        DevSession session = ctx.sessions().require();
        try {
            ctx.devApi().stop(session.sessionId(), "px-plugin dev --stop", SessionStarter.auth(session));
        } catch (CliException e) {
            if (!"DEV_SESSION_ENDED".equals(e.errorCode()) && !"DEV_NOT_FOUND".equals(e.errorCode())) {
                throw e;
            }
        }
        recordLifetime(session);
        ctx.sessions().clear();
        ctx.printer().event(Event.of("stopped").sessionId(session.sessionId()).message("session ended"));
        ctx.devLog().write("info", "stopped", "dev --stop", session.sessionId(), session.tenantId(), null, null);
        flushTelemetry();
        return Exit.OK;
    }

    /** Follows the log (and the folder with --watch) until Ctrl-C or the session ends. */
    private int follow(PluginFolder folder, DevSession session) {
        CliContext ctx = ctx();
        if (watch) {
            FailureStacks stacks = new FailureStacks(LogStream.sessionEvents(ctx.client(), ctx.endpoints(), com.powerx.devhotload.cli.api.Sleeper.REAL));
            stacks.start(session);
            running.add(stacks);
            ReloadLoop reloads = new ReloadLoop(ctx, folder, session, stacks, lost -> end(Exit.API));
            Debouncer debouncer = new Debouncer(Scheduler.singleThread("px-reload"), debounceMs, reloads::onBatch);
            RecursiveWatcher watcher = new RecursiveWatcher(folder.dir(), folder.watchRules(), debouncer::submit);
            watcher.start();
            running.add(watcher);
            ctx.printer().line("watching " + folder.dir() + " (debounce " + debounceMs + " ms); Ctrl-C stops watching, px-plugin dev --stop ends the session");
            // Saved while away (--resume), or between the bundle's hashing and the watcher's start (a save right
            // after "ready"): the watcher never saw those, so compare once now and bring the sandbox up to date.
            if (session.files() != null && !folder.scan().changedSince(session.files()).isEmpty()) {
                debouncer.submit(RecursiveWatcher.RESCAN);
            }
        }
        running.add(logs::close);
        Thread.ofPlatform().daemon().name("px-logs").start(() -> followLogs(logs, session));
        startTelemetryFlusher();
        awaitEnd();
        return exitCode.get();
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is already running and does the cleanup
        }
    }

    private void followLogs(LogStream logs, DevSession session) {
        Printer printer = ctx().printer();
        try {
            LogStream.Ending ending = logs.follow(session.sessionId(), session.reloadToken(), session.lastEventId(),
                    frame -> LogPrinter.print(frame, session.sessionId(), printer));
            if (ending == LogStream.Ending.SESSION_ENDED) {
                ctx().sessions().clear();
                end(watch ? Exit.API : Exit.OK);
            }
        } catch (CliException e) {
            printer.error(e, session.sessionId());
            if (!watch) {
                end(e.exitCode());
            }
        }
    }

    // Ctrl-C: the session stays alive on the server and in the cache, for px-plugin dev --resume.
    private void onInterrupt(DevSession session) {
        closeAll(running);
        saveLastEventId(logs);
        ctx().printer().event(Event.of("stopped").sessionId(session.sessionId())
                .message("stopped watching; session kept — px-plugin dev --resume to continue, px-plugin dev --stop to end it"));
        ctx().devLog().write("info", "interrupted", "Ctrl-C", session.sessionId(), session.tenantId(), null, null);
        flushTelemetry();
        finished.countDown();
        // Ctrl-C is the normal way to leave --watch: exit 0 rather than the JVM's 130 for a signal.
        Runtime.getRuntime().halt(Exit.OK);
    }

    private void end(int code) {
        exitCode.compareAndSet(Exit.OK, code);
        finished.countDown();
    }

    private void awaitEnd() {
        try {
            finished.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void saveLastEventId(LogStream stream) {
        String last = stream == null ? null : stream.lastEventId();
        if (last != null) {
            ctx().sessions().load().ifPresent(s -> ctx().sessions().save(s.withLastEventId(last)));
        }
    }

    private void startTelemetryFlusher() {
        if (!ctx().telemetry().enabled()) {
            return;
        }
        Thread.ofPlatform().daemon().name("px-telemetry").start(() -> {
            while (finished.getCount() > 0) {
                flushTelemetry();
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    private void flushTelemetry() {
        if (!ctx().telemetry().enabled()) {
            return;
        }
        try {
            ctx().flusher().flush();
        } catch (RuntimeException e) {
            // kept on disk; the next flush (or px-plugin telemetry flush) replays it
        }
    }

    private void recordLifetime(DevSession session) {
        try {
            long seconds = Duration.between(Instant.parse(session.createdAt()), ctx().clock().instant()).toSeconds();
            ctx().telemetry().record(TelemetryEvent.SESSION_LIFETIME, session.sessionId(), session.pluginId(), seconds, null);
        } catch (RuntimeException e) {
            // an old cache without createdAt: no lifetime to report
        }
    }

    private static List<String> pathsOf(DevSession session) {
        return session.files() == null ? List.of() : List.copyOf(session.files().keySet());
    }

    private static void closeAll(List<AutoCloseable> running) {
        for (AutoCloseable closeable : running) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // shutting down: nothing more to do with it
            }
        }
    }

    private static String lastLines(String output) {
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "no output" : lines.getLast();
    }

}
