package com.powerx.devhotload.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static com.powerx.devhotload.bench.SuiteClient.HTTP;
import static com.powerx.devhotload.bench.SuiteClient.JSON;

/** diagnostics-service (CONTRACT.md §7) as the P5 and evidence benchmarks read it, plus an external session to report on. */
final class Diagnostics {

    private final String url;
    private final String token;

    Diagnostics(String url, String token) {
        this.url = url;
        this.token = token;
    }

    /** An {@code external} session without a bundle: active at once, no sandbox process. Its id. */
    static String registerExternal(String sessionUrl, String token, String plugin) throws Exception {
        String body = JSON.createObjectNode().put("pluginId", plugin).put("version", "1.0.0").put("runtime", "external")
                .put("takeover", true).toString();
        return SuiteClient.call("POST", sessionUrl + "/internal/dev/plugins/register", token, body).at("/data/sessionId").asText();
    }

    /**
     * Lines of the session's last 15 min at or above {@code level} that the evidence store holds, from
     * {@code POST /internal/debug/logs/export} ({@code X-Log-Lines}); -1 while diagnostics does not know the session yet.
     */
    int exportedLines(String sessionId, String level) throws Exception {
        String body = JSON.createObjectNode().put("sessionId", sessionId).put("level", level).toString();
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/internal/debug/logs/export"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() == 404) {
            return -1;
        }
        if (r.statusCode() != 200) {
            throw new IllegalStateException("log export answered " + r.statusCode() + ": " + new String(r.body()));
        }
        return Integer.parseInt(r.headers().firstValue("X-Log-Lines").orElse("-1"));
    }

    /** Waits until the store holds {@code expected} lines of the session at or above {@code level}. */
    void awaitStored(String sessionId, String level, long expected, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        int seen = -1;
        while (System.nanoTime() < deadline) {
            seen = exportedLines(sessionId, level);
            if (seen >= expected) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("evidence store holds " + seen + " of " + expected + " " + level + " lines of " + sessionId);
    }

    JsonNode report(String reportId) throws Exception {
        return SuiteClient.call("GET", url + "/internal/debug/report/" + reportId, token, null).path("data");
    }

    /** The Prometheus text of {@code /q/metrics}. */
    String metrics() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException("/q/metrics answered " + r.statusCode());
        return r.body();
    }

    /** The sum of every series of {@code name} (any labels), 0 when absent. */
    double metric(String name) throws Exception {
        return lines(name).stream().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .map(l -> l.contains(" # ") ? l.substring(0, l.indexOf(" # ")) : l) // an exemplar follows the value inside a trace
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** The metric lines whose name starts with {@code prefix}. */
    List<String> lines(String prefix) throws Exception {
        return metrics().lines().filter(l -> l.startsWith(prefix)).toList();
    }

    /** The pid deploy/local/up recorded for a service, 0 if none. */
    static long pid(String service) throws Exception {
        Path file = Path.of("deploy/local/.data/pids/" + service + ".pid");
        return Files.exists(file) ? Long.parseLong(Files.readString(file).trim()) : 0;
    }
}
