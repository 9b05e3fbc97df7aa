package com.powerx.devhotload.cli.config;

import java.net.URI;
import java.util.Map;

/**
 * Where the services are and the developer's credentials, from the environment ({@code PX_DEV_*_URL}, {@code PX_TOKEN})
 * with {@code --api} overriding the session-service base.
 */
public record Endpoints(URI api, URI stream, URI telemetry, URI diagnostics, String token) {

    public static Endpoints from(Map<String, String> env, String apiOverride) {
        String api = apiOverride != null && !apiOverride.isBlank() ? apiOverride : env.getOrDefault("PX_DEV_API_BASE_URL", "http://127.0.0.1:8081");
        String token = env.get("PX_TOKEN");
        return new Endpoints(base(api), base(env.getOrDefault("PX_DEV_STREAM_URL", "http://127.0.0.1:8083")),
                base(env.getOrDefault("PX_DEV_TELEMETRY_URL", "http://127.0.0.1:8086")),
                base(env.getOrDefault("PX_DEV_DIAGNOSTICS_URL", "http://127.0.0.1:8084")),
                token == null || token.isBlank() ? null : token.trim());
    }

    /** True when any of the services is reached over HTTPS (only then do client certificates matter). */
    public boolean anyHttps() {
        return "https".equalsIgnoreCase(api.getScheme()) || "https".equalsIgnoreCase(stream.getScheme())
                || "https".equalsIgnoreCase(telemetry.getScheme()) || "https".equalsIgnoreCase(diagnostics.getScheme());
    }

    // Trailing slashes are dropped so that paths can be appended as written in the contract.
    private static URI base(String url) {
        String trimmed = url.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return URI.create(trimmed);
    }

    /** {@code base + path}, where path starts with {@code /} and may carry a query. */
    public static URI at(URI base, String path) {
        return URI.create(base.toString() + path);
    }
}
