package com.powerx.devhotload.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.powerx.devhotload.bench.SuiteClient.JSON;

/**
 * The tracker of P11: the Jira Cloud REST v3 calls ticket-bridge's JiraTracker makes, with the documented shapes —
 * {@code POST /rest/api/3/issue} → 201 {@code {id, key, self}}, {@code POST /rest/api/3/search/jql} (the lookup by
 * fingerprint label before a create), {@code GET|POST /rest/api/3/issue/{id}/transitions} (a workflow with a "Won't Do"
 * the bridge must pass over and a "Done" whose target is in category {@code done}), {@code POST …/comment}, and
 * {@code GET /rest/api/3/issue/{id}} (reconcile). Lives in the bench's JVM so the arrival of each create and each
 * transition to done is stamped on this machine's clock, the same clock as the events' {@code time}.
 */
final class FakeJira implements AutoCloseable {

    /** One issue as this tracker holds it; {@code doneAt} is set by the first transition to done. */
    static final class Issue {
        final String id;
        final String key;
        final String label;
        final Instant createdAt;
        volatile boolean done;
        volatile Instant doneAt;
        final AtomicInteger comments = new AtomicInteger();

        Issue(String id, String key, String label, Instant createdAt) {
            this.id = id;
            this.key = key;
            this.label = label;
            this.createdAt = createdAt;
        }
    }

    private static final String DONE_ID = "31";
    private static final String REOPEN_ID = "41";
    private static final Pattern ISSUE_PATH = Pattern.compile("/rest/api/3/issue/([^/?]+)(/transitions|/comment)?");
    private static final Pattern LABEL = Pattern.compile("labels = \"(px-fp-[0-9a-f]+)\"");

    private final HttpServer server;
    private final String project;
    /**
     * Issue ids start at a per-run offset: an action a previous run left queued in the bridge (its tracker gone) must
     * not find, and transition, an issue of this run under a reused id.
     */
    private final AtomicInteger next = new AtomicInteger((int) (System.currentTimeMillis() / 1000 % 1_000_000) * 1000);
    private final Map<String, Issue> byId = new ConcurrentHashMap<>();
    /** Every create per fingerprint label: more than one is a duplicate ticket. */
    private final Map<String, List<Issue>> byLabel = new ConcurrentHashMap<>();
    private final AtomicInteger unauthorized = new AtomicInteger();
    /** 0: none; n: every n-th transition to done is applied but answered 503 (an answer lost after the effect). */
    private final int loseDoneAnswerEvery;
    private final AtomicInteger doneTransitions = new AtomicInteger();

    FakeJira(int port, String project, int loseDoneAnswerEvery) throws IOException {
        this.project = project;
        this.loseDoneAnswerEvery = loseDoneAnswerEvery;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.createContext("/rest/api/3/", this::handle);
        // A few threads, as a tracker serves requests in parallel; the bridge runs up to 4 action workers.
        server.setExecutor(Executors.newFixedThreadPool(4, Thread.ofPlatform().daemon().name("fake-jira-", 0).factory()));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The issues created with this label, in arrival order. */
    List<Issue> created(String label) {
        return byLabel.getOrDefault(label, List.of());
    }

    Map<String, List<Issue>> createdByLabel() {
        return byLabel;
    }

    int unauthorized() {
        return unauthorized.get();
    }

    /** Comments posted on all issues (the bridge comments when it closes, naming the run). */
    int comments() {
        return byId.values().stream().mapToInt(i -> i.comments.get()).sum();
    }

    /** The first issue created with {@code label}; throws after {@code seconds} without one. */
    Issue awaitCreated(String label, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            List<Issue> issues = byLabel.get(label);
            if (issues != null && !issues.isEmpty()) {
                return issues.getFirst();
            }
            Thread.sleep(1);
        }
        throw new IllegalStateException("no Jira issue created with label " + label + " within " + seconds + " s");
    }

    /** Waits until the issue was transitioned to done; throws after {@code seconds}. */
    Instant awaitDone(Issue issue, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (issue.doneAt != null) {
                return issue.doneAt;
            }
            Thread.sleep(1);
        }
        throw new IllegalStateException("Jira issue " + issue.key + " not transitioned to done within " + seconds + " s");
    }

    private void handle(HttpExchange x) throws IOException {
        Instant arrived = Instant.now(); // before the body is read: the moment the request reached the tracker
        try (x) {
            try {
                route(x, arrived);
            } catch (RuntimeException | IOException e) {
                // A body this tracker cannot read is a bad request to Jira too; the bench then sees the bridge fail.
                reply(x, 400, "{\"errorMessages\":[\"bad request\"]}");
            }
        }
    }

    private void route(HttpExchange x, Instant arrived) throws IOException {
        String auth = x.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Basic ")) {
            unauthorized.incrementAndGet();
            reply(x, 401, "{\"errorMessages\":[\"unauthorized\"]}");
            return;
        }
        String path = x.getRequestURI().getPath();
        String method = x.getRequestMethod();
        JsonNode body = method.equals("POST") ? JSON.readTree(x.getRequestBody().readAllBytes()) : null;
        if (method.equals("POST") && path.equals("/rest/api/3/issue")) {
            create(x, body, arrived);
        } else if (method.equals("POST") && path.equals("/rest/api/3/search/jql")) {
            search(x, body);
        } else {
            Matcher m = ISSUE_PATH.matcher(path);
            Issue issue = m.matches() ? byId.get(m.group(1)) : null;
            if (issue == null) {
                reply(x, 404, "{\"errorMessages\":[\"Issue does not exist or you do not have permission to see it.\"]}");
            } else {
                onIssue(x, issue, method, m.group(2), body, arrived);
            }
        }
    }

    private void onIssue(HttpExchange x, Issue issue, String method, String sub, JsonNode body, Instant arrived) throws IOException {
        if (sub == null && method.equals("GET")) {
            reply(x, 200, issueJson(issue).toString());
        } else if ("/transitions".equals(sub) && method.equals("GET")) {
            reply(x, 200, transitions(issue).toString());
        } else if ("/transitions".equals(sub) && method.equals("POST")) {
            transition(x, issue, body.path("transition").path("id").asText(), arrived);
        } else if ("/comment".equals(sub) && method.equals("POST") && "doc".equals(body.path("body").path("type").asText())) {
            issue.comments.incrementAndGet();
            reply(x, 201, JSON.createObjectNode().put("id", String.valueOf(next.incrementAndGet())).toString());
        } else {
            reply(x, 400, "{\"errorMessages\":[\"unsupported\"]}");
        }
    }

    /** Checks the fields the bridge must send (project, issue type, ADF description, fingerprint label). */
    private void create(HttpExchange x, JsonNode body, Instant arrived) throws IOException {
        JsonNode f = body.path("fields");
        String label = null;
        for (JsonNode l : f.path("labels")) {
            if (l.asText().startsWith("px-fp-")) label = l.asText();
        }
        if (!project.equals(f.at("/project/key").asText()) || f.at("/issuetype/name").asText().isEmpty() || label == null
                || !"doc".equals(f.at("/description/type").asText()) || f.path("summary").asText().isEmpty()) {
            reply(x, 400, "{\"errorMessages\":[],\"errors\":{\"fields\":\"project, issuetype, summary, ADF description and label required\"}}");
            return;
        }
        String id = String.valueOf(next.incrementAndGet());
        Issue issue = new Issue(id, project + "-" + id, label, arrived);
        byId.put(id, issue);
        byLabel.computeIfAbsent(label, k -> new CopyOnWriteArrayList<>()).add(issue);
        reply(x, 201, JSON.createObjectNode().put("id", id).put("key", issue.key).put("self", url() + "/rest/api/3/issue/" + id).toString());
    }

    /** Answers the bridge's JQL {@code project = "PX" AND labels = "px-fp-…"}: the oldest issue with the label. */
    private void search(HttpExchange x, JsonNode body) throws IOException {
        Matcher m = LABEL.matcher(body.path("jql").asText());
        ObjectNode out = JSON.createObjectNode().put("isLast", true);
        ArrayNode issues = out.putArray("issues");
        if (m.find()) {
            created(m.group(1)).stream().limit(Math.max(1, body.path("maxResults").asInt(50))).forEach(i -> issues.add(issueJson(i)));
        }
        reply(x, 200, out.toString());
    }

    private void transition(HttpExchange x, Issue issue, String id, Instant arrived) throws IOException {
        if (DONE_ID.equals(id) && !issue.done) {
            issue.done = true;
            if (issue.doneAt == null) issue.doneAt = arrived;
            if (loseDoneAnswerEvery > 0 && doneTransitions.incrementAndGet() % loseDoneAnswerEvery == 0) {
                reply(x, 503, "{\"errorMessages\":[\"Service unavailable\"]}");
                return;
            }
        } else if (REOPEN_ID.equals(id) && issue.done) {
            issue.done = false;
        } else {
            reply(x, 400, "{\"errorMessages\":[\"Transition id '" + id + "' is not valid for this issue.\"]}");
            return;
        }
        x.sendResponseHeaders(204, -1);
    }

    private ObjectNode transitions(Issue issue) {
        ObjectNode out = JSON.createObjectNode().put("expand", "transitions");
        ArrayNode list = out.putArray("transitions");
        if (issue.done) {
            list.add(transitionJson(REOPEN_ID, "Reopen", "To Do", "new"));
        } else {
            list.add(transitionJson("11", "Start Progress", "In Progress", "indeterminate"));
            list.add(transitionJson("21", "Won't Do", "Won't Do", "done"));
            list.add(transitionJson(DONE_ID, "Done", "Done", "done"));
        }
        return out;
    }

    private static ObjectNode transitionJson(String id, String name, String to, String category) {
        ObjectNode t = JSON.createObjectNode().put("id", id).put("name", name).put("hasScreen", false).put("isAvailable", true);
        t.putObject("to").put("name", to).putObject("statusCategory").put("key", category);
        return t;
    }

    private ObjectNode issueJson(Issue issue) {
        ObjectNode out = JSON.createObjectNode().put("id", issue.id).put("key", issue.key).put("self", url() + "/rest/api/3/issue/" + issue.id);
        ObjectNode fields = out.putObject("fields");
        fields.putObject("status").put("name", issue.done ? "Done" : "To Do").putObject("statusCategory")
                .put("key", issue.done ? "done" : "new");
        if (issue.done) {
            fields.putObject("resolution").put("name", "Done");
        } else {
            fields.putNull("resolution");
        }
        return out;
    }

    private static void reply(HttpExchange x, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
