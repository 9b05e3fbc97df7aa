package com.powerx.devhotload.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.devstack.LocalTokens;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

import static com.powerx.devhotload.bench.RegisterBench.arg;

/**
 * P11 (docs/architecture.md): report ready → ticket created in the tracker (a simulated Jira, {@link FakeJira}), and
 * regression passed → ticket closed; each step's P95 ≤ 2 s and 100 % of the tickets closed, over {@code --cycles}
 * cycles of {@link TicketCycle} after {@code --warmup}. ticket-bridge must route to this tracker: start the suite with
 * {@code PX_TICKETS_ROUTES='*=jira' PX_TICKETS_JIRA_URL=http://127.0.0.1:<--jira-port> PX_TICKETS_JIRA_USER=…
 * PX_TICKETS_JIRA_TOKEN=… PX_TICKETS_JIRA_PROJECT=PX}. Afterwards the bridge's own API must list every ticket of the
 * run closed (by the regression), one per fingerprint, and the tracker must have seen one create per fingerprint.
 * {@code --lose-done-answer-every n} (not part of P11) applies every n-th transition to Done but answers it 503 — an
 * answer lost after the effect — to show how the bridge's retried close copes.
 */
public final class TicketBench {

    private record Options(int cycles, int warmup, int jiraPort, String project, String kafka, String ticketUrl, String ticketDb,
                           int loseDoneAnswerEvery) {
    }

    public static void main(String[] args) throws Exception {
        Options o = options(args);
        String tenant = "bench-p11-" + UUID.randomUUID().toString().substring(0, 8);
        String token = LocalTokens.inDirectory(Path.of(arg(args, "--keys", "deploy/local/.data/keys")))
                .mint(tenant, "bench", List.of("admin.devHotload.manage"));
        try (FakeJira jira = new FakeJira(o.jiraPort(), o.project(), o.loseDoneAnswerEvery()); DebugTopics topics = new DebugTopics(o.kafka())) {
            TicketCycle.Suite suite = suite(args, token, tenant, jira, topics);
            String prefix = "com.acme.p11-" + tenant.substring(tenant.length() - 8) + "-";
            cycles(suite, prefix + "warmup-", o.warmup());
            long began = System.nanoTime();
            List<TicketCycle.Sample> samples = cycles(suite, prefix, o.cycles());
            double seconds = (System.nanoTime() - began) / 1e9;
            printFigures(o.kafka(), samples, TicketActions.of(o.ticketDb(), tenant), seconds);
            printSlowest(samples);
            check(o, token, jira, samples, prefix);
        }
    }

    private static Options options(String[] args) {
        return new Options(Integer.parseInt(arg(args, "--cycles", "50")), Integer.parseInt(arg(args, "--warmup", "3")),
                Integer.parseInt(arg(args, "--jira-port", "18090")), arg(args, "--jira-project", "PX"),
                arg(args, "--kafka", "127.0.0.1:19092"), arg(args, "--ticket-url", "http://127.0.0.1:8085"),
                arg(args, "--ticket-db", "jdbc:postgresql://127.0.0.1:15432/px_tickets"),
                Integer.parseInt(arg(args, "--lose-done-answer-every", "0")));
    }

    /** The services' URLs, and both plugin versions uploaded once (blobs are content-addressed per tenant). */
    private static TicketCycle.Suite suite(String[] args, String token, String tenant, FakeJira jira, DebugTopics topics) throws Exception {
        TicketCycle.Suite suite = new TicketCycle.Suite(arg(args, "--session-url", "http://127.0.0.1:8081"),
                arg(args, "--orchestrator-url", "http://127.0.0.1:8082"), arg(args, "--diagnostics-url", "http://127.0.0.1:8084"),
                token, tenant, jira, topics);
        SuiteClient.upload(suite.sessionUrl(), token, TicketCycle.BROKEN);
        SuiteClient.upload(suite.sessionUrl(), token, TicketCycle.FIXED);
        System.out.printf("P11 tickets: %s cycles after %s warm-up, simulated Jira at %s, tenant %s%n",
                arg(args, "--cycles", "50"), arg(args, "--warmup", "3"), jira.url(), tenant);
        return suite;
    }

    /** Runs {@code n} cycles one after another; a cycle that fails is reported and counts as a miss. */
    private static List<TicketCycle.Sample> cycles(TicketCycle.Suite suite, String prefix, int n) {
        TicketCycle cycle = new TicketCycle(suite);
        List<TicketCycle.Sample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            try {
                out.add(cycle.run(prefix + i));
            } catch (Exception e) {
                System.out.println("CYCLE FAILED (" + prefix + i + "): " + e.getMessage());
            }
        }
        return out;
    }

    private static void printFigures(String kafka, List<TicketCycle.Sample> samples, Map<String, TicketActions.Queued> queued,
                                     double seconds) throws Exception {
        List<TicketCycle.Sample> decided = samples.stream().filter(x -> queued.containsKey(x.plugin()) && queued.get(x.plugin()).close() != null).toList();
        System.out.println(LatencyReport.header());
        System.out.println(SuiteClient.kafkaRoundTrip(kafka, 50).row());
        row("report asked (POST /internal/debug/report) -> report.ready time", samples, x -> TicketCycle.Sample.nanos(x.reportAsked(), x.reportReady()), seconds);
        row("**P11 step 1: report.ready time -> Jira create received**", samples, x -> TicketCycle.Sample.nanos(x.reportReady(), x.created()), seconds);
        row("  step 1 part: report.ready time -> create queued by ticket-bridge (relay, Kafka, consumer, decision)", decided,
                x -> TicketCycle.Sample.nanos(x.reportReady(), queued.get(x.plugin()).create()), seconds);
        row("  step 1 part: create queued -> Jira create received (worker pick-up, search/jql lookup)", decided,
                x -> TicketCycle.Sample.nanos(queued.get(x.plugin()).create(), x.created()), seconds);
        row("P11 step 1, whole: report asked -> Jira create received", samples, x -> TicketCycle.Sample.nanos(x.reportAsked(), x.created()), seconds);
        row("regression run asked (POST /internal/debug/regression/run) -> regression.passed time", samples,
                x -> TicketCycle.Sample.nanos(x.runAsked(), x.passed()), seconds);
        row("**P11 step 2: regression.passed time -> Jira transition to Done received**", samples,
                x -> TicketCycle.Sample.nanos(x.passed(), x.done()), seconds);
        row("  step 2 part: regression.passed time -> close queued by ticket-bridge (relay, Kafka, consumer, decision)", decided,
                x -> TicketCycle.Sample.nanos(x.passed(), queued.get(x.plugin()).close()), seconds);
        row("  step 2 part: close queued -> Jira transition received (worker pick-up, GET transitions)", decided,
                x -> TicketCycle.Sample.nanos(queued.get(x.plugin()).close(), x.done()), seconds);
        row("P11 step 2, whole: regression run asked -> Jira transition to Done received", samples,
                x -> TicketCycle.Sample.nanos(x.runAsked(), x.done()), seconds);
        System.out.println("target: P11 each step P95 <= 2 s, 100 % closed (seed: autoclose >= 95 %)");
    }

    /** The three slowest cycles of each step, to look them up in the services' logs. */
    private static void printSlowest(List<TicketCycle.Sample> samples) {
        List<ToLongFunction<TicketCycle.Sample>> steps = List.of(x -> TicketCycle.Sample.nanos(x.reportReady(), x.created()),
                x -> TicketCycle.Sample.nanos(x.passed(), x.done()));
        for (int step = 0; step < 2; step++) {
            ToLongFunction<TicketCycle.Sample> f = steps.get(step);
            String slowest = samples.stream().sorted(Comparator.comparingLong(f).reversed()).limit(3)
                    .map(x -> String.format(Locale.ROOT, "%s %s %d ms", x.plugin(), x.issueKey(), f.applyAsLong(x) / 1_000_000))
                    .collect(Collectors.joining(", "));
            System.out.println("slowest step " + (step + 1) + ": " + slowest);
        }
    }

    private static void row(String name, List<TicketCycle.Sample> samples, ToLongFunction<TicketCycle.Sample> value, double seconds) {
        Histogram h = LatencyReport.newHistogram();
        samples.forEach(x -> h.recordValue(Math.max(0, value.applyAsLong(x))));
        System.out.println(new LatencyReport(name, h, seconds).row());
    }

    /**
     * The bridge's view ({@code GET /internal/ticket/tickets?state=all}, waiting up to 30 s for its rows to say closed:
     * the row is updated after the tracker answered) and the tracker's (creates per fingerprint label).
     */
    private static void check(Options o, String token, FakeJira jira, List<TicketCycle.Sample> samples, String prefix) throws Exception {
        List<JsonNode> mine = List.of();
        long deadline = System.nanoTime() + 30_000_000_000L;
        do {
            mine = new ArrayList<>();
            for (JsonNode t : SuiteClient.call("GET", o.ticketUrl() + "/internal/ticket/tickets?state=all", token, null).at("/data/items")) {
                if (t.path("pluginId").asText().startsWith(prefix) && !t.path("pluginId").asText().contains("warmup")) mine.add(t);
            }
            if (mine.stream().allMatch(t -> "closed".equals(t.path("state").asText())) && mine.size() >= samples.size()) break;
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        long closed = mine.stream().filter(t -> "closed".equals(t.path("state").asText())).count();
        long byRegression = mine.stream().filter(t -> "regression".equals(t.path("closedBy").asText())).count();
        long onJira = mine.stream().filter(t -> "jira".equals(t.path("provider").asText())).count();
        Map<String, Long> perFingerprint = mine.stream().collect(Collectors.groupingBy(t -> t.path("fingerprint").asText(), Collectors.counting()));
        long distinct = samples.stream().map(TicketCycle.Sample::fingerprint).distinct().count();
        long trackerDuplicates = jira.createdByLabel().values().stream().mapToLong(l -> l.size() - 1).sum();
        int creates = jira.createdByLabel().values().stream().mapToInt(List::size).sum();
        System.out.printf(Locale.ROOT, "cycles measured: %d of %d; distinct fingerprints: %d%n", samples.size(), o.cycles(), distinct);
        System.out.printf(Locale.ROOT, "ticket-bridge: %d tickets of this run (%d on jira), %d closed (%d by a regression run): autoclose %.1f %%;"
                        + " tickets sharing a fingerprint: %d%n", mine.size(), onJira, closed, byRegression,
                100.0 * byRegression / Math.max(1, mine.size()), perFingerprint.values().stream().filter(c -> c > 1).count());
        System.out.printf(Locale.ROOT, "simulated Jira: %d creates (incl. warm-up) for %d labels, duplicate creates: %d, comments: %d,"
                + " unauthorized requests: %d%n", creates, jira.createdByLabel().size(), trackerDuplicates, jira.comments(), jira.unauthorized());
    }
}
