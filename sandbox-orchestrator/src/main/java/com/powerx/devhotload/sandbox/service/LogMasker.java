package com.powerx.devhotload.sandbox.service;

/**
 * The masking seam: every log line and plugin error message or stack passes through here before it leaves the
 * orchestrator (events and API answers). {@link MaskingEngineLogMasker} applies the shared masking engine.
 */
public interface LogMasker {

    String mask(String text);
}
