package com.powerx.devhotload.session.domain;

import com.powerx.devhotload.contracts.payload.FileRef;

import java.util.List;
import java.util.Map;

/**
 * A register request, whichever client form it came in, validated and normalised: files sorted by path; {@code env}
 * the manifest's env map (string values), the plugin's declared environment.
 */
public record RegisterCommand(String pluginId, String version, String runtime, String entry, List<FileRef> files,
                              String buildHash, String sandboxEndpoint, String cliVersion, Map<String, Object> metadata,
                              boolean takeover, Map<String, String> env) {

    /** An external plugin without an endpoint has nothing to start: its session is active at once. */
    public boolean notificationOnly() {
        return runtime.equals("external") && sandboxEndpoint == null;
    }
}
