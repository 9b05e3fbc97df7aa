package com.powerx.devhotload.session.mapping;

import com.powerx.devhotload.contracts.payload.FileRef;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.ErrorCode;
import com.powerx.devhotload.platform.api.Violation;
import com.powerx.devhotload.session.domain.BundleLimits;
import com.powerx.devhotload.session.domain.BundleRules;
import com.powerx.devhotload.session.domain.RegisterCommand;
import com.powerx.devhotload.session.rest.RegisterRequest;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The three register forms (ours; the TypeScript client's {@code {manifest:{id,version}, tenant}}; the Go CLI's
 * {@code {pluginId, version, entryPath, …}}) to one {@link RegisterCommand}, with the defaults of CONTRACT.md §3.
 * Every invalid field is reported at once (400); an over-large declared bundle is a 413.
 */
public final class RegisterCommands {

    private static final String ENDPOINT = "^https?://[^\\s]{1,2000}$";
    private static final Pattern ENV_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,127}$");
    private static final int MAX_ENV = 200;
    private static final int MAX_ENV_VALUE = 32_768;

    private RegisterCommands() {
    }

    public static RegisterCommand toCommand(RegisterRequest r, BundleLimits limits) {
        List<Violation> violations = BundleRules.newList();
        RegisterRequest.Manifest m = r.manifest() != null ? r.manifest() : RegisterRequest.Manifest.NONE;
        String pluginId = pluginId(r.pluginId() != null ? r.pluginId() : m.id(), violations);
        String version = version(r.version() != null ? r.version() : m.version(), violations);
        List<FileRef> files = r.files() == null ? List.of() : r.files();
        String runtime = runtime(r, m, files, violations);
        Map<String, String> env = env(m.env(), violations);
        BundleRules.checkFiles("files", files, fileLimit(r.watchFileLimit(), limits, violations), limits.maxBundleBytes(), violations);
        if (r.sandboxEndpoint() != null && !r.sandboxEndpoint().matches(ENDPOINT)) {
            violations.add(new Violation("sandboxEndpoint", "must be an http(s) URL"));
        }
        if (!violations.isEmpty()) {
            throw ApiException.invalid(violations);
        }
        checkDeclaredSize(files, limits.maxBundleBytes());
        return new RegisterCommand(pluginId, version, runtime, entry(r, m), files.stream().sorted(Comparator.comparing(FileRef::path)).toList(),
                r.buildHash(), r.sandboxEndpoint(), r.cliVersion(), r.metadata() == null ? Map.of() : r.metadata(),
                Boolean.TRUE.equals(r.takeover()), env);
    }

    private static String pluginId(String pluginId, List<Violation> violations) {
        if (pluginId == null || pluginId.isBlank()) {
            violations.add(new Violation("pluginId", "is required (pluginId or manifest.id)"));
        } else if (!BundleRules.PLUGIN_ID.matcher(pluginId).matches()) {
            violations.add(new Violation("pluginId", "must match " + BundleRules.PLUGIN_ID.pattern()));
        }
        return pluginId;
    }

    /** The manifest's env map: names as a shell would take them, string values, bounded like any other input. */
    private static Map<String, String> env(Map<String, Object> raw, List<Violation> violations) {
        if (raw == null) {
            return Map.of();
        }
        if (raw.size() > MAX_ENV) {
            violations.add(new Violation("manifest.env", "at most " + MAX_ENV + " variables"));
            return Map.of();
        }
        Map<String, String> env = new TreeMap<>();
        raw.forEach((name, value) -> {
            if (!ENV_NAME.matcher(name).matches()) {
                violations.add(new Violation("manifest.env." + name, "name must match " + ENV_NAME.pattern()));
            } else if (!(value instanceof String text) || text.length() > MAX_ENV_VALUE || text.indexOf('\0') >= 0) {
                violations.add(new Violation("manifest.env." + name, "must be a string of at most " + MAX_ENV_VALUE + " characters"));
            } else {
                env.put(name, text);
            }
        });
        return env;
    }

    private static String version(String version, List<Violation> violations) {
        if (version != null && !BundleRules.VERSION.matcher(version).matches()) {
            violations.add(new Violation("version", "must be a semantic version like 1.2.3"));
        }
        return version;
    }

    /** Given, else the manifest's, else {@code external} when nothing is uploaded or an endpoint is named, else node. */
    private static String runtime(RegisterRequest r, RegisterRequest.Manifest m, List<FileRef> files, List<Violation> violations) {
        String runtime = r.runtime() != null ? r.runtime()
                : m.runtime() != null ? m.runtime()
                : r.sandboxEndpoint() != null || files.isEmpty() ? "external" : "node";
        if (!BundleRules.RUNTIMES.contains(runtime)) {
            violations.add(new Violation("runtime", "must be node, python or external"));
        }
        return runtime;
    }

    private static int fileLimit(Integer watchFileLimit, BundleLimits limits, List<Violation> violations) {
        if (watchFileLimit == null) {
            return limits.maxFiles();
        }
        if (watchFileLimit < 1 || watchFileLimit > limits.maxFiles()) {
            violations.add(new Violation("watchFileLimit", "must be between 1 and " + limits.maxFiles()));
            return limits.maxFiles();
        }
        return watchFileLimit;
    }

    private static void checkDeclaredSize(List<FileRef> files, long limit) {
        long declared = BundleRules.declaredBytes(files);
        if (declared > limit) {
            throw new ApiException(ErrorCode.DEV_PAYLOAD_TOO_LARGE, "bundle_too_large",
                    "declared bundle size " + declared + " exceeds " + limit + " bytes",
                    Map.of("declaredBytes", declared, "limit", limit), null);
        }
    }

    private static String entry(RegisterRequest r, RegisterRequest.Manifest m) {
        if (m.entry() != null) {
            return m.entry();
        }
        return r.entryPoints() != null && !r.entryPoints().isEmpty() ? r.entryPoints().getFirst() : r.entryPath();
    }
}
