package com.powerx.devhotload.session.mapping;

import com.powerx.devhotload.contracts.payload.FileRef;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.Violation;
import com.powerx.devhotload.session.domain.BundleLimits;
import com.powerx.devhotload.session.domain.RegisterCommand;
import com.powerx.devhotload.session.rest.RegisterRequest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The register plan: three client forms to one command, CONTRACT.md §3's defaults, every invalid field at once. */
class RegisterCommandsTest {

    private static final BundleLimits LIMITS = new BundleLimits(3, 1000);
    private static final String HASH = "c".repeat(64);

    private static RegisterRequest request(String pluginId, RegisterRequest.Manifest manifest, String version, String runtime,
                                           List<FileRef> files, String endpoint, Integer watchFileLimit, String entryPath) {
        return new RegisterRequest(pluginId, manifest, version, runtime, null, entryPath, files, null, endpoint, null, null, null,
                watchFileLimit, null, null, null, null, null);
    }

    @Test
    void theTypeScriptFormTakesIdAndVersionFromTheManifestAndIsExternalWithoutFiles() {
        RegisterCommand c = RegisterCommands.toCommand(request(null, new RegisterRequest.Manifest("com.acme.ts", null, "0.1.0", null, null, null),
                null, null, null, null, null, null), LIMITS);
        assertThat(c.pluginId()).isEqualTo("com.acme.ts");
        assertThat(c.version()).isEqualTo("0.1.0");
        assertThat(c.runtime()).isEqualTo("external");
        assertThat(c.notificationOnly()).isTrue();
        assertThat(c.files()).isEmpty();
        assertThat(c.metadata()).isEqualTo(Map.of());
    }

    @Test
    void theGoFormTakesItsEntryPathAndFilesDefaultTheRuntimeToNodeSortedByPath() {
        List<FileRef> files = List.of(new FileRef("z.mjs", HASH, 1L), new FileRef("a.mjs", HASH, 2L));
        RegisterCommand c = RegisterCommands.toCommand(request("com.acme.go", null, "1.2.3", null, files, null, null, "a.mjs"), LIMITS);
        assertThat(c.runtime()).isEqualTo("node");
        assertThat(c.entry()).isEqualTo("a.mjs");
        assertThat(c.files()).extracting(FileRef::path).containsExactly("a.mjs", "z.mjs");
        assertThat(RegisterCommands.toCommand(request("com.acme.go", null, null, null, files, "http://127.0.0.1:9", null, null), LIMITS)
                .runtime()).isEqualTo("external");
    }

    @Test
    void everyInvalidFieldIsReportedAtOnce() {
        ApiException e = catchThrowableOfType(ApiException.class, () -> RegisterCommands.toCommand(request("Bad Id", null, "v1", "ruby",
                List.of(new FileRef("../x", "nothex", 1L)), "ftp://x", 0, null), LIMITS));
        @SuppressWarnings("unchecked")
        List<Violation> violations = (List<Violation>) e.details().get("violations");
        assertThat(violations).extracting(Violation::field)
                .contains("pluginId", "version", "runtime", "watchFileLimit", "files[0].path", "files[0].sha256", "sandboxEndpoint");
    }

    @Test
    void theManifestEnvTakesStringValuesUnderShellNamesOnly() {
        Map<String, Object> env = new java.util.LinkedHashMap<>();
        env.put("API_URL", "https://x.test");
        env.put("PORT", 8080);
        env.put("BAD-NAME", "x");
        ApiException e = catchThrowableOfType(ApiException.class, () -> RegisterCommands.toCommand(request("com.acme.env",
                new RegisterRequest.Manifest(null, null, null, "node", null, env), null, null, null, null, null, null), LIMITS));
        @SuppressWarnings("unchecked")
        List<Violation> violations = (List<Violation>) e.details().get("violations");
        assertThat(violations).extracting(Violation::field).containsExactlyInAnyOrder("manifest.env.PORT", "manifest.env.BAD-NAME");
        RegisterCommand ok = RegisterCommands.toCommand(request("com.acme.env", new RegisterRequest.Manifest(null, null, null, "node", null,
                Map.of("API_URL", "https://x.test")), null, null, null, null, null, null), LIMITS);
        assertThat(ok.env()).containsExactly(Map.entry("API_URL", "https://x.test"));
    }

    @Test
    void aMissingIdIsRequiredAndTooManyFilesOrBytesAreRefused() {
        ApiException missing = catchThrowableOfType(ApiException.class,
                () -> RegisterCommands.toCommand(request(null, null, null, null, null, null, null, null), LIMITS));
        assertThat(missing.status()).isEqualTo(400);
        List<FileRef> four = List.of(new FileRef("a", HASH, 1L), new FileRef("b", HASH, 1L), new FileRef("c", HASH, 1L), new FileRef("d", HASH, 1L));
        assertThat(catchThrowableOfType(ApiException.class,
                () -> RegisterCommands.toCommand(request("com.acme.x", null, null, null, four, null, null, null), LIMITS)).status()).isEqualTo(400);
        ApiException big = catchThrowableOfType(ApiException.class, () -> RegisterCommands.toCommand(
                request("com.acme.x", null, null, null, List.of(new FileRef("a", HASH, 1001L)), null, null, null), LIMITS));
        assertThat(big.status()).isEqualTo(413);
    }
}
