package com.powerx.devhotload.stream.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the gateway's Prometheus metrics over HTTP, as an operator's scraper would. */
public final class GatewayMetrics {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private GatewayMetrics() {
    }

    public static String scrape(String baseUrl) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value of a sample, e.g. {@code dev_hotload_stream_subscribers} or {@code dev_hotload_stream_gaps_total{reason="retention"}}. */
    public static double value(String baseUrl, String sample) {
        String name = sample.contains("{") ? sample.substring(0, sample.indexOf('{')) : sample;
        String labels = sample.contains("{") ? sample.substring(sample.indexOf('{') + 1, sample.length() - 1) : null;
        // A sample may end with an exemplar (" # {span_id=…,trace_id=…} …") when it was recorded inside a trace.
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)(?: # .*)?$").matcher(scrape(baseUrl));
        double total = 0;
        boolean found = false;
        while (m.find()) {
            if (labels == null || (m.group(1) != null && m.group(1).contains(labels))) {
                total += Double.parseDouble(m.group(2));
                found = true;
            }
        }
        return found ? total : Double.NaN;
    }
}
