package com.powerx.devhotload.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.powerx.devhotload.cli.api.ApiClient.Call;
import com.powerx.devhotload.cli.config.Endpoints;

import java.net.URI;
import java.util.Map;

/** diagnostics-service (CONTRACT §7): debug reports and regression runs. */
public final class DiagnosticsApi {

    private final ApiClient client;
    private final URI base;

    public DiagnosticsApi(ApiClient client, Endpoints endpoints) {
        this.client = client;
        this.base = endpoints.diagnostics();
    }

    /** POST /internal/debug/report → the report id. */
    public String requestReport(ObjectNode body, Auth auth) {
        return client.call(Call.postJson(Endpoints.at(base, "/internal/debug/report"), auth, body)).data().path("reportId").asText();
    }

    public JsonNode report(String reportId, Auth auth) {
        return client.call(Call.get(Endpoints.at(base, "/internal/debug/report/" + reportId), auth)).data();
    }

    public String reportMarkdown(String reportId, Auth auth) {
        Call call = Call.get(Endpoints.at(base, "/internal/debug/report/" + reportId), auth).withHeaders(Map.of("Accept", "text/markdown"));
        return client.call(call).text();
    }

    /** POST /internal/debug/regression/run → the run id. */
    public String runRegression(String reportId, Auth auth) {
        ObjectNode body = ApiClient.JSON.createObjectNode().put("reportId", reportId);
        return client.call(Call.postJson(Endpoints.at(base, "/internal/debug/regression/run"), auth, body)).data().path("runId").asText();
    }

    public JsonNode regression(String runId, Auth auth) {
        return client.call(Call.get(Endpoints.at(base, "/internal/debug/regression/" + runId), auth)).data();
    }
}
