package com.powerx.devhotload.sandbox.service;

import com.powerx.devhotload.masking.MaskingEngine;
import jakarta.enterprise.context.ApplicationScoped;

/** Masks with the shared engine's default rules (libs/masking), the same rules every service applies. */
@ApplicationScoped
public class MaskingEngineLogMasker implements LogMasker {

    private final MaskingEngine engine = MaskingEngine.withDefaultRules();

    @Override
    public String mask(String text) {
        return text == null || text.isEmpty() ? text : engine.mask(text).text();
    }

    @Override
    public String maskJson(String json) {
        return json == null || json.isEmpty() ? json : engine.maskJson(json).text();
    }
}
