package com.powerx.devhotload.diagnostics.config;

import com.powerx.devhotload.masking.MaskingEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** One masking engine per process: its rule set is compiled once and it is safe to share between threads. */
@ApplicationScoped
public class MaskingEngineProducer {

    @Produces
    @Singleton
    MaskingEngine engine() {
        return MaskingEngine.withDefaultRules();
    }
}
