package com.powerx.devhotload.diagnostics.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.powerx.devhotload.contracts.JsonText;
import com.powerx.devhotload.diagnostics.domain.ReportTemplate;
import com.powerx.devhotload.diagnostics.domain.ReportTemplate.FieldPolicy;
import com.powerx.devhotload.masking.MaskingEngine;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Masking a finished report: every string and key in every section, the template's policies, and the fail-closed guard. */
class ReportMaskingTest {

    static final MaskingEngine ENGINE = MaskingEngine.withDefaultRules();

    @Test
    void everyStringAndKeyIsMaskedWhereverItIsAndTheSummaryCountsByRule() {
        ObjectNode body = (ObjectNode) JsonText.tree("{\"title\":\"fails with AKIAQ7ZK2M4NW3XTR5PL\",\"timeline\":[{\"message\":"
                + "\"postgres://app:hunter2-Zq81xP@db/x\"}],\"metrics\":{\"ghp_0123456789abcdefABCDEF0123456789abcd\":1},\"masking\":{}}");
        new ReportMasking(ENGINE).apply(body, ReportTemplate.BUILT_IN);
        String out = body.toString();
        assertThat(out).doesNotContain("AKIAQ7ZK2M4NW3XTR5PL").doesNotContain("hunter2-Zq81xP").doesNotContain("0123456789abcdefABCDEF");
        assertThat(body.at("/masking/redactions").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(body.at("/masking/rulesVersion").asText()).isNotBlank();
        assertThat(ENGINE.verifier().findings(out)).isEmpty();
    }

    @Test
    void templatePoliciesRedactAndOmitFieldsInsideArrays() {
        ObjectNode body = (ObjectNode) JsonText.tree("{\"reproduction\":{\"payload\":{\"card\":\"x\"}},\"timeline\":[{\"source\":\"a\",\"message\":\"m\"},"
                + "{\"source\":\"b\",\"message\":\"n\"}]}");
        new ReportMasking(ENGINE).apply(body, new ReportTemplate(List.of("reproduction", "timeline"),
                Map.of("reproduction.payload", FieldPolicy.REDACT, "timeline.source", FieldPolicy.OMIT)));
        assertThat(body.at("/reproduction/payload").asText()).isEqualTo("[REDACTED:report-template]");
        assertThat(body.at("/timeline/0").has("source")).isFalse();
        assertThat(body.at("/timeline/1/message").asText()).isEqualTo("n");
    }

    @Test
    void theGuardRefusesAnOutputWithASecretAndCountsTheViolation() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        OutputGuard guard = new OutputGuard(ENGINE, new DiagnosticsMetrics(registry));
        assertThatThrownBy(() -> guard.requireClean("report JSON", "{\"note\":\"aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"}"))
                .isInstanceOf(OutputGuard.MaskingViolation.class).hasMessageNotContaining("wJalrXUtnFEMI");
        assertThat(registry.get("debug.masking.violation_total").counter().count()).isEqualTo(1);
        String sessionId = "5f0c1a4e-3b2d-4c1e-9a7b-2d3e4f5a6b7c";
        guard.requireClean("report JSON", "{\"sessionId\":\"" + sessionId + "\"}", Set.of(sessionId));
        assertThat(registry.get("debug.masking.violation_total").counter().count()).isEqualTo(1);
        // An event id whose digit groups the verifier reads as a phone number (found by the P5 bench): set aside too,
        // in one pass however many ids a 10,000-line bundle carries.
        String eventId = "00599958-3712-4136-b0fa-85610b43e825";
        String line = "{\"sessionId\":\"" + sessionId + "\",\"message\":\"ok\",\"eventId\":\"" + eventId + "\"}";
        assertThatThrownBy(() -> guard.requireClean("log bundle", line, Set.of(sessionId))).isInstanceOf(OutputGuard.MaskingViolation.class);
        Set<String> many = new HashSet<>(Set.of(sessionId, eventId));
        for (int i = 0; i < 10_000; i++) {
            many.add(UUID.randomUUID().toString());
        }
        guard.requireClean("log bundle", line.repeat(1000), many);
        assertThat(registry.get("debug.masking.violation_total").counter().count()).isEqualTo(2);
    }
}
