package com.powerx.devhotload.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.Topics;
import com.powerx.devhotload.devstack.Crashable;
import com.powerx.devhotload.devstack.LocalTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults survived, measured (issue #19): under a steady load through the loop ({@link FaultLoad}), each fault in turn —
 * kill -9 of a service and its restart, kill -9 and restart of PostgreSQL, Redis and the Kafka broker, a stall of a
 * dependency (SIGSTOP, then SIGCONT) — and after each one: every acknowledged register still there and announced,
 * every acknowledged reload applied exactly once (no lost, no second outcome), every outcome on the resuming SSE
 * stream once, the plugin's state never going back, no 500 to a client, every service ready again by itself, and
 * how long clients waited. The table goes to {@code e2e/target/faults/report.md} (docs/reliability.md).
 * <p>
 * {@code ./mvnw verify} runs the short form (three services, the three dependencies, a 10 s PostgreSQL stall);
 * {@code -Dpx.faults=full} runs all six services and a stall of each dependency ({@code -Dpx.faults.stall=30} s).
 */
class FaultInjectionIT {

    private static final Path PLUGINS = Path.of("..", "examples", "plugins").toAbsolutePath().normalize();
    private static final Set<String> OUTCOMES = Set.of(EventTypes.RELOADED, EventTypes.ROLLED_BACK, EventTypes.RELOAD_FAILED);
    private static Suite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = Suite.get();
    }

    /** One fault: what is done, and (for the report) whether it is a kill or a stall. */
    record Fault(String name, Action action) {
    }

    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    /** One row of the report. */
    record Row(String fault, int calls, int failed, int answered503, int answered500, int unanswered, long lostRegisters,
               long lostReloads, long lostFrames, long duplicateEffects, long duplicateFrames, long stateRegressions,
               long alerts, long reports, long tickets, double recoverySeconds, double readySeconds) {
    }

    @Test
    void theLoopKeepsEveryAcknowledgedWriteThroughEachFault() throws Exception {
        boolean full = "full".equals(System.getProperty("px.faults", "short"));
        int stall = Integer.getInteger("px.faults.stall", full ? 30 : 10);
        List<Fault> faults = faults(full, stall);
        List<Row> rows = new ArrayList<>();
        Ledger ledger = new Ledger();
        try (FaultLoad load = FaultLoad.start(suite, PLUGINS)) {
            Thread.sleep(5_000); // the load settles before the first fault
            ledger.check(load, System.nanoTime() - Duration.ofSeconds(2).toNanos());
            for (Fault fault : faults) {
                rows.add(inject(fault, load, ledger));
            }
            load.close();
            Thread.sleep(3_000);
            rows.add(ledger.row("(end of run: everything acknowledged)", load, List.of(), ledger.check(load, System.nanoTime()), 0, 0));
            write(rows, full, stall, load);
            assertions(rows, load);
        }
    }

    private static List<Fault> faults(boolean full, int stallSeconds) {
        List<Fault> faults = new ArrayList<>();
        List<String> services = full ? Suite.SERVICES : List.of("session-service", "sandbox-orchestrator", "stream-gateway");
        for (String service : services) {
            faults.add(new Fault("kill -9 " + service, () -> {
                suite.kill(service);
                suite.restart(service);
            }));
        }
        for (Crashable node : dependencies()) {
            faults.add(new Fault("kill -9 " + node.name(), () -> {
                node.kill();
                Thread.sleep(2_000); // down for a moment, as a pod restart would be
                node.restart();
            }));
        }
        for (Crashable node : full ? dependencies() : List.of((Crashable) suite.stack().postgres())) {
            faults.add(new Fault("stall " + node.name() + " " + stallSeconds + " s", () -> {
                node.pause();
                try {
                    Thread.sleep(stallSeconds * 1000L);
                } finally {
                    node.resume();
                }
            }));
        }
        return faults;
    }

    private static List<Crashable> dependencies() {
        if (!(suite.stack().kafka() instanceof Crashable kafka)) {
            throw new IllegalStateException("the e2e devstack must run Kafka as a process (-Dpx.devstack.kafka=process)");
        }
        return List.of(suite.stack().postgres(), suite.stack().redis(), kafka);
    }

    private static Row inject(Fault fault, FaultLoad load, Ledger ledger) throws Exception {
        int before = load.calls.size();
        long start = System.nanoTime();
        fault.action().run();
        long over = System.nanoTime();
        double ready = awaitAllReady(start);
        awaitSuccessAfter(load, over);
        List<FaultLoad.Call> all = List.copyOf(load.calls);
        List<FaultLoad.Call> during = all.subList(before, all.size());
        double recovery = recoverySeconds(during, start);
        Thread.sleep(2_000);
        Ledger.Totals totals = ledger.check(load, System.nanoTime() - Duration.ofSeconds(2).toNanos());
        Row row = ledger.row(fault.name(), load, List.copyOf(during), totals, recovery, ready);
        System.out.println("[faults] " + row);
        return row;
    }

    /** Every service answers /q/health/ready again, without being touched: seconds since the fault began. */
    private static double awaitAllReady(long start) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        Set<String> waiting = new HashSet<>(Suite.SERVICES);
        while (!waiting.isEmpty() && System.nanoTime() < deadline) {
            for (String service : List.copyOf(waiting)) {
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(suite.url(service, "/q/health/ready"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        waiting.remove(service);
                    }
                } catch (Exception notYet) {
                    // down or stalled
                }
            }
            Thread.sleep(200);
        }
        assertThat(waiting).as("services not ready again 120 s after the fault").isEmpty();
        return (System.nanoTime() - start) / 1e9;
    }

    /** Waits until each kind of call has succeeded after the fault was over (the load is flowing again). */
    private static void awaitSuccessAfter(FaultLoad load, long over) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        Set<String> kinds = Set.of("register", "reload", "invoke");
        while (System.nanoTime() < deadline) {
            Set<String> flowing = load.calls.stream().filter(c -> c.startNanos() >= over && c.ok()).map(FaultLoad.Call::kind)
                    .collect(Collectors.toSet());
            if (flowing.containsAll(kinds)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the load did not flow again within 120 s of the fault's end");
    }

    /**
     * How long a client waited at worst: for each call begun since the fault, the time from its start until a call of
     * the same kind succeeded (itself, when it did: a call held 10 s by a stalled database counts 10 s; a refused one
     * counts until the retries got through); the longest over all kinds.
     */
    static double recoverySeconds(List<FaultLoad.Call> calls, long start) {
        long longest = 0;
        for (String kind : Set.of("register", "reload", "invoke")) {
            List<FaultLoad.Call> ofKind = calls.stream().filter(c -> c.kind().equals(kind) && c.startNanos() >= start).toList();
            for (FaultLoad.Call c : ofKind) {
                long answered = ofKind.stream().filter(o -> o.ok() && o.startNanos() >= c.startNanos())
                        .mapToLong(FaultLoad.Call::endNanos).min().orElse(c.startNanos());
                longest = Math.max(longest, answered - c.startNanos());
            }
        }
        return longest / 1e9;
    }

    /** What was acknowledged, compared with what the suite holds and delivered; running totals. */
    static final class Ledger {

        record Totals(long lostRegisters, long lostReloads, long lostFrames, long duplicateEffects, long duplicateFrames,
                      long stateRegressions, long alerts, long reports, long tickets) {
        }

        private final Set<String> verifiedRegisters = new HashSet<>();
        private final Set<String> lostRegisterIds = new HashSet<>();
        private Totals previous = new Totals(0, 0, 0, 0, 0, 0, 0, 0, 0);

        /** Checks everything acknowledged before {@code cutoff}, waiting up to 30 s for what is still in flight. */
        Totals check(FaultLoad load, long cutoff) throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            Totals totals;
            do {
                totals = once(load, cutoff);
                if (totals.lostRegisters() + totals.lostReloads() + totals.lostFrames() == 0) {
                    break;
                }
                Thread.sleep(1_000);
            } while (System.nanoTime() < deadline);
            return totals;
        }

        private Totals once(FaultLoad load, long cutoff) throws Exception {
            String bootstrap = suite.stack().kafka().bootstrapServers();
            // Registers: still there for their tenant, and announced on Kafka.
            for (var e : load.registered.entrySet()) {
                if (load.registeredAt.get(e.getKey()) > cutoff || verifiedRegisters.contains(e.getKey())) {
                    continue;
                }
                String token = LocalTokens.forTests().mint(e.getValue(), "checker", List.of("admin.devHotload.manage"));
                HttpResponse<String> r = DevLoop.send(suite, "session-service", "GET", "/internal/dev/plugins/sessions/" + e.getKey(), token, null);
                if (r.statusCode() == 200) {
                    verifiedRegisters.add(e.getKey());
                    lostRegisterIds.remove(e.getKey());
                } else {
                    lostRegisterIds.add(e.getKey());
                }
            }
            Set<String> announced = TopicHistory.read(bootstrap, Topics.SESSION_LIFECYCLE,
                            ev -> EventTypes.SESSION_REGISTERED.equals(ev.type())).stream()
                    .map(CloudEvent::sessionid).collect(Collectors.toSet());
            long unannounced = verifiedRegisters.stream().filter(id -> !announced.contains(id)).count();

            // Reloads: each acknowledged sequence has one outcome (its own, or superseded by a later one's).
            List<CloudEvent> outcomes = TopicHistory.read(bootstrap, Topics.SESSION_SANDBOX,
                    ev -> load.sessionId.equals(ev.sessionid()) && OUTCOMES.contains(ev.type()));
            Map<Long, Set<String>> outcomeIds = new HashMap<>();
            Set<Long> covered = new HashSet<>();
            for (CloudEvent ev : outcomes) {
                JsonNode payload = ev.data();
                long sequence = payload.path("sequence").asLong();
                outcomeIds.computeIfAbsent(sequence, s -> new HashSet<>()).add(ev.id());
                covered.add(sequence);
                payload.path("supersededSequences").forEach(s -> covered.add(s.asLong()));
            }
            long lostReloads = load.reloads.stream().filter(s -> load.reloadedAt.get(s) <= cutoff && !covered.contains(s)).count();
            long secondOutcomes = outcomeIds.values().stream().filter(ids -> ids.size() > 1).count();

            // The stream: every outcome once.
            Map<String, Long> frameCounts = load.stream.frames().stream()
                    .collect(Collectors.groupingBy(f -> f.data().path("id").asText(), Collectors.counting()));
            long lostFrames = outcomes.stream().map(CloudEvent::id).distinct().filter(id -> !frameCounts.containsKey(id)).count();
            long duplicateFrames = frameCounts.values().stream().filter(n -> n > 1).count();

            // The plugin's state only grows.
            long regressions = 0;
            List<Integer> counts = load.counts;
            for (int i = 1; i < counts.size(); i++) {
                if (counts.get(i) < counts.get(i - 1)) {
                    regressions++;
                }
            }
            // Streaks: one alert per burst at most, one report per alert, one ticket per failure fingerprint — and none
            // missing: every alert raised before the cutoff got its report, every ready report its ticket.
            List<CloudEvent> alerts = TopicHistory.read(bootstrap, Topics.DEBUG_ALERT,
                    ev -> EventTypes.ALERT_RAISED.equals(ev.type()) && load.streakSessionId.equals(ev.sessionid()));
            Set<String> alertIds = alerts.stream().map(ev -> ev.data().path("alertId").asText()).collect(Collectors.toSet());
            List<CloudEvent> reports = TopicHistory.read(bootstrap, Topics.DEBUG_REPORT,
                    ev -> (EventTypes.REPORT_READY.equals(ev.type()) || EventTypes.REPORT_FAILED.equals(ev.type()))
                            && load.streakSessionId.equals(ev.data().path("sessionId").asText(ev.sessionid())));
            Map<String, Set<String>> reportsPerAlert = new HashMap<>();
            Set<String> fingerprints = new HashSet<>();
            for (CloudEvent ev : reports) {
                reportsPerAlert.computeIfAbsent(ev.data().path("alertId").asText(), a -> new HashSet<>()).add(ev.data().path("reportId").asText());
                if (EventTypes.REPORT_READY.equals(ev.type())) {
                    fingerprints.add(ev.data().path("fingerprint").asText());
                }
            }
            Map<String, Set<String>> ticketsPerFingerprint = new HashMap<>();
            for (CloudEvent ev : TopicHistory.read(bootstrap, Topics.DEBUG_TICKET, ev -> EventTypes.TICKET_CREATED.equals(ev.type())
                    && fingerprints.contains(ev.data().path("fingerprint").asText()))) {
                ticketsPerFingerprint.computeIfAbsent(ev.data().path("fingerprint").asText(), f -> new HashSet<>()).add(ev.data().path("ticketId").asText());
            }
            long secondReports = reportsPerAlert.values().stream().filter(ids -> ids.size() > 1).count();
            long secondTickets = ticketsPerFingerprint.values().stream().filter(ids -> ids.size() > 1).count();
            long secondAlerts = Math.max(0, alertIds.size() - load.bursts.get() - 1); // the burst under way may have raised one
            long unreported = alertIds.stream().filter(a -> !reportsPerAlert.containsKey(a)).count();
            long unticketed = fingerprints.stream().filter(f -> !ticketsPerFingerprint.containsKey(f)).count();
            return new Totals(lostRegisterIds.size() + unannounced, lostReloads + unreported + unticketed, lostFrames,
                    secondOutcomes + secondReports + secondTickets + secondAlerts, duplicateFrames, regressions,
                    alertIds.size(), reportsPerAlert.size(), ticketsPerFingerprint.size());
        }

        Row row(String fault, FaultLoad load, List<FaultLoad.Call> during, Totals now, double recovery, double ready) {
            Totals delta = new Totals(now.lostRegisters() - previous.lostRegisters(), now.lostReloads() - previous.lostReloads(),
                    now.lostFrames() - previous.lostFrames(), now.duplicateEffects() - previous.duplicateEffects(),
                    now.duplicateFrames() - previous.duplicateFrames(), now.stateRegressions() - previous.stateRegressions(),
                    now.alerts() - previous.alerts(), now.reports() - previous.reports(), now.tickets() - previous.tickets());
            previous = now;
            if (during.isEmpty()) {
                delta = now; // the closing row shows the run's totals
            }
            int failed = (int) during.stream().filter(c -> !c.ok()).count();
            return new Row(fault, during.size(), failed,
                    (int) during.stream().filter(c -> c.status() == 503).count(),
                    (int) during.stream().filter(c -> c.status() >= 500 && c.status() != 503).count(),
                    (int) during.stream().filter(c -> c.status() == -1).count(),
                    delta.lostRegisters(), delta.lostReloads(), delta.lostFrames(), delta.duplicateEffects(),
                    delta.duplicateFrames(), delta.stateRegressions(), delta.alerts(), delta.reports(), delta.tickets(),
                    recovery, ready);
        }
    }

    private static void write(List<Row> rows, boolean full, int stall, FaultLoad load) throws Exception {
        StringBuilder out = new StringBuilder();
        out.append("# Fault injection (").append(full ? "full" : "short").append(" form, stall ").append(stall).append(" s)\n\n");
        out.append(String.format("Load: %d registers acknowledged over 3 tenants, %d reloads acknowledged (%d given up), "
                        + "%d increments acknowledged (%d unanswered), %d failure bursts, %d stream frames over %d connections.%n%n",
                load.registered.size(), load.reloads.size(), load.reloadsGivenUp.get(), load.incrementsAcknowledged.get(),
                load.incrementsUnanswered.get(), load.bursts.get(), load.stream.frames().size(), load.stream.connects()));
        out.append("| fault | calls | failed | 503 | 5xx (not 503) | no answer | lost registers | lost reloads, reports, tickets "
                + "| lost frames | duplicate effects | duplicate frames | state went back | alerts / reports / tickets "
                + "| clients waited (s) | all ready (s) |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            out.append(String.format("| %s | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d / %d / %d | %.1f | %.1f |%n",
                    r.fault(), r.calls(), r.failed(), r.answered503(), r.answered500(), r.unanswered(), r.lostRegisters(),
                    r.lostReloads(), r.lostFrames(), r.duplicateEffects(), r.duplicateFrames(), r.stateRegressions(),
                    r.alerts(), r.reports(), r.tickets(), r.recoverySeconds(), r.readySeconds()));
        }
        Path report = Path.of("target", "faults", "report.md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, out);
        System.out.println(out);
    }

    private static void assertions(List<Row> rows, FaultLoad load) throws Exception {
        Row end = rows.getLast();
        assertThat(end.lostRegisters()).as("acknowledged registers lost or never announced").isZero();
        assertThat(end.lostReloads()).as("acknowledged reloads without an outcome").isZero();
        assertThat(end.lostFrames()).as("reload outcomes missing from the resuming SSE stream").isZero();
        assertThat(end.duplicateEffects()).as("reloads applied twice").isZero();
        assertThat(end.duplicateFrames()).as("frames delivered twice on the stream").isZero();
        assertThat(end.stateRegressions()).as("the plugin's count went back").isZero();
        Map<String, Integer> fiveHundreds = new LinkedHashMap<>();
        rows.forEach(r -> fiveHundreds.put(r.fault(), r.answered500()));
        assertThat(fiveHundreds.values().stream().mapToInt(Integer::intValue).sum()).as("5xx other than 503 per fault " + fiveHundreds).isZero();
        int count = load.currentCount();
        assertThat(count).as("the count is every acknowledged increment, and no unanswered one twice")
                .isBetween(load.incrementsAcknowledged.get(), load.incrementsAcknowledged.get() + load.incrementsUnanswered.get());
        assertThat(load.registered.size()).as("registers acknowledged").isGreaterThan(50);
        assertThat(load.reloads.size()).as("reloads acknowledged").isGreaterThan(50);
        assertThat(end.alerts()).as("failure streaks that raised an alert (of " + load.bursts.get() + " bursts)").isPositive();
        assertThat(end.tickets()).as("tickets opened from the streaks' reports").isPositive();
    }
}
