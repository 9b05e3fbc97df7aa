package com.powerx.devhotload.diagnostics.config;

import com.powerx.devhotload.diagnostics.domain.ReportTemplate;
import com.powerx.devhotload.diagnostics.domain.ReportTemplate.FieldPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code PX_DIAG_REPORT_TEMPLATE} once at start. A template that cannot be read or names an unknown section or
 * policy stops the service with the reason: a report silently built from the wrong template would be worse.
 */
@ApplicationScoped
public class ReportTemplates {

    @Produces
    @Singleton
    ReportTemplate template(DiagnosticsConfig config) {
        return config.reportTemplate().filter(p -> !p.isBlank()).map(p -> load(Path.of(p))).orElse(ReportTemplate.BUILT_IN);
    }

    public static ReportTemplate load(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return parse(new Yaml(new SafeConstructor(new LoaderOptions())).load(reader), file.toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read report template " + file + ": " + e.getMessage(), e);
        }
    }

    static ReportTemplate parse(Object doc, String where) {
        if (!(doc instanceof Map<?, ?> root)) {
            throw new IllegalArgumentException(where + ": a report template is a YAML mapping with 'sections' and 'fields'");
        }
        List<String> sections = new ArrayList<>();
        Object s = root.get("sections");
        if (s == null) {
            sections.addAll(ReportTemplate.BUILT_IN.sections());
        } else if (s instanceof List<?> list) {
            list.forEach(item -> sections.add(String.valueOf(item)));
        } else {
            throw new IllegalArgumentException(where + ": 'sections' must be a list");
        }
        Map<String, FieldPolicy> fields = new LinkedHashMap<>();
        Object f = root.get("fields");
        if (f instanceof Map<?, ?> map) {
            map.forEach((path, policy) -> fields.put(String.valueOf(path), policy(where, String.valueOf(path), String.valueOf(policy))));
        } else if (f != null) {
            throw new IllegalArgumentException(where + ": 'fields' must map field paths to mask | redact | omit");
        }
        try {
            return new ReportTemplate(sections, fields);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static FieldPolicy policy(String where, String path, String value) {
        try {
            return FieldPolicy.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": field '" + path + "' has policy '" + value + "'; use mask, redact or omit");
        }
    }
}
