package com.powerx.devhotload.sandbox.service;

/**
 * The masking seam: every log line, plugin error message or stack, and invoke payload passes through here before it
 * leaves the orchestrator (events and API answers). {@link MaskingEngineLogMasker} applies the shared masking engine.
 */
public interface LogMasker {

    String mask(String text);

    /** A JSON document masked by key and by value; the result stays valid JSON. */
    String maskJson(String json);
}
