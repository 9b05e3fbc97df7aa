package com.powerx.devhotload.telemetry.service;

import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.telemetry.domain.AlertView;
import com.powerx.devhotload.telemetry.repository.AlertRepository;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Reads a tenant's alerts for {@code GET /api/telemetry/alerts}. */
@ApplicationScoped
public class AlertQueries {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private final AlertRepository alerts;

    public AlertQueries(AlertRepository alerts) {
        this.alerts = alerts;
    }

    @WithSpan("AlertQueries.list")
    public List<AlertView> list(String tenant, String status, String sessionId, String pluginId, Integer limit) {
        String wanted = status == null || status.equals("all") ? null : status;
        if (wanted != null && !wanted.equals(AlertView.OPEN) && !wanted.equals(AlertView.RESOLVED)) {
            throw ApiException.invalid("status", "must be open, resolved or all");
        }
        int max = limit == null ? DEFAULT_LIMIT : limit;
        if (max < 1 || max > MAX_LIMIT) {
            throw ApiException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return alerts.list(tenant, wanted, blankToNull(sessionId), blankToNull(pluginId), max);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
