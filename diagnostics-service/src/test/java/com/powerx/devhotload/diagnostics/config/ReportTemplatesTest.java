package com.powerx.devhotload.diagnostics.config;

import com.powerx.devhotload.diagnostics.domain.ReportTemplate;
import com.powerx.devhotload.diagnostics.domain.ReportTemplate.FieldPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportTemplatesTest {

    @TempDir
    Path dir;

    @Test
    void aTemplateChoosesSectionsOrderAndFieldPolicies() throws Exception {
        Path file = dir.resolve("report_template.yaml");
        Files.writeString(file, "sections: [errors, reproduction, timeline, masking]\nfields:\n  reproduction.payload: redact\n  timeline.source: omit\n");
        ReportTemplate t = ReportTemplates.load(file);
        assertThat(t.sections()).containsExactly("errors", "reproduction", "timeline", "masking");
        assertThat(t.fields()).containsEntry("reproduction.payload", FieldPolicy.REDACT).containsEntry("timeline.source", FieldPolicy.OMIT);
    }

    @Test
    void withoutSectionsTheBuiltInOrderHolds() throws Exception {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, "fields:\n  errors.stack: omit\n");
        assertThat(ReportTemplates.load(file).sections()).isEqualTo(ReportTemplate.BUILT_IN.sections());
    }

    @Test
    void aWrongTemplateStopsTheServiceWithTheReason() throws Exception {
        Path unknownSection = dir.resolve("a.yaml");
        Files.writeString(unknownSection, "sections: [errors, screenshots]\n");
        assertThatThrownBy(() -> ReportTemplates.load(unknownSection)).hasMessageContaining("screenshots");
        Path badPolicy = dir.resolve("b.yaml");
        Files.writeString(badPolicy, "fields:\n  errors.stack: shred\n");
        assertThatThrownBy(() -> ReportTemplates.load(badPolicy)).hasMessageContaining("shred").hasMessageContaining("mask, redact or omit");
        assertThatThrownBy(() -> ReportTemplates.load(dir.resolve("missing.yaml"))).hasMessageContaining("cannot read");
        Path notAMap = dir.resolve("c.yaml");
        Files.writeString(notAMap, "- errors\n");
        assertThatThrownBy(() -> ReportTemplates.load(notAMap)).hasMessageContaining("mapping");
    }
}
