package com.powerx.devhotload.sandbox.service;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.contracts.EventSources;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.Topics;
import com.powerx.devhotload.contracts.payload.SessionLog;
import com.powerx.devhotload.platform.kafka.EventProducers;
import com.powerx.devhotload.sandbox.config.SandboxConfig;
import com.powerx.devhotload.sandbox.domain.Sandbox;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.Producer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plugin output → masked {@code dev.session.log} events, keyed by session, straight to Kafka (too many for the
 * outbox). At most {@code PX_DEV_LOG_RATE} lines per second and session: the excess is counted and reported once per
 * second in one event carrying {@code suppressed}.
 */
@ApplicationScoped
public class LogPublisher {

    private static final Set<String> LEVELS = Set.of("debug", "info", "warn", "error");

    private final SandboxConfig config;
    private final LogMasker masker;
    private final String bootstrap;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private Producer<String, byte[]> producer;
    private ScheduledExecutorService flusher;

    public LogPublisher(SandboxConfig config, LogMasker masker, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.config = config;
        this.masker = masker;
        this.bootstrap = bootstrap;
    }

    // Before the recovery (priority 900) restarts sandboxes, whose first log lines come through here.
    void start(@Observes @jakarta.annotation.Priority(800) StartupEvent event) {
        producer = EventProducers.create(bootstrap, "sandbox-orchestrator-logs");
        flusher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("log-suppression-report").factory());
        flusher.scheduleWithFixedDelay(this::reportSuppressed, 1, 1, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (flusher != null) {
            flusher.shutdownNow();
        }
        if (producer != null) {
            producer.close();
        }
    }

    /** One line of output; {@code dropped} is a count the harness itself could not deliver. */
    public void line(Sandbox sandbox, String level, String source, String message, Long sequence, Long dropped) {
        // Lines a stopping process writes after close() are still published, under a window nobody keeps.
        Window window = sandbox.ended() ? windows.getOrDefault(sandbox.sessionId(), new Window(sandbox))
                : windows.computeIfAbsent(sandbox.sessionId(), id -> new Window(sandbox));
        if (!window.admit()) {
            return;
        }
        String normalised = LEVELS.contains(level) ? level : "info";
        send(sandbox, new SessionLog(Instant.now(), normalised, source, masker.mask(message), sequence, dropped));
    }

    /** Masks text that leaves the orchestrator outside log lines (plugin error messages and stacks). */
    public String mask(String text) {
        return masker.mask(text);
    }

    /** Reports what was still suppressed and forgets the session. */
    public void close(Sandbox sandbox) {
        Window window = windows.remove(sandbox.sessionId());
        if (window != null) {
            report(window);
        }
    }

    private void reportSuppressed() {
        try {
            windows.values().forEach(this::report);
        } catch (RuntimeException e) {
            Log.warnf(e, "log suppression report failed");
        }
    }

    private void report(Window window) {
        long suppressed = window.drainSuppressed();
        if (suppressed > 0) {
            send(window.sandbox, new SessionLog(Instant.now(), "warn", "orchestrator",
                    suppressed + " log lines suppressed: over PX_DEV_LOG_RATE=" + config.logRate() + " lines/s",
                    window.sandbox.sequence(), suppressed));
        }
    }

    private void send(Sandbox sandbox, SessionLog log) {
        CloudEvent event = CloudEvent.create(EventSources.SANDBOX_ORCHESTRATOR, EventTypes.SESSION_LOG, sandbox.sessionId(),
                sandbox.tenantId(), sandbox.pluginId(), sandbox.sessionId(), log);
        try {
            producer.send(EventProducers.record(Topics.SESSION_LOG, sandbox.sessionId(), EventCodec.encode(event)), (meta, e) -> {
                if (e != null) {
                    Log.warnf("log event of session %s not published: %s", sandbox.sessionId(), e.getMessage());
                }
            });
        } catch (RuntimeException e) {
            // e.g. the producer already closed while the service shuts down
            Log.warnf("log event of session %s not published: %s", sandbox.sessionId(), e.getMessage());
        }
    }

    /** A one-second window of one session's lines. */
    private final class Window {
        private final Sandbox sandbox;
        private long second;
        private int count;
        private long suppressed;

        Window(Sandbox sandbox) {
            this.sandbox = sandbox;
        }

        synchronized boolean admit() {
            long now = System.currentTimeMillis() / 1000;
            if (now != second) {
                second = now;
                count = 0;
            }
            if (count < config.logRate()) {
                count++;
                return true;
            }
            suppressed++;
            return false;
        }

        synchronized long drainSuppressed() {
            long n = suppressed;
            suppressed = 0;
            return n;
        }
    }
}
