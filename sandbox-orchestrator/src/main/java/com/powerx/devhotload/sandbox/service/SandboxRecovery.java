package com.powerx.devhotload.sandbox.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.powerx.devhotload.contracts.JsonText;
import com.powerx.devhotload.contracts.payload.FileRef;
import com.powerx.devhotload.contracts.state.SandboxState;
import com.powerx.devhotload.sandbox.bundle.BundleStore;
import com.powerx.devhotload.sandbox.domain.BundleVersion;
import com.powerx.devhotload.sandbox.domain.Sandbox;
import com.powerx.devhotload.sandbox.repository.SandboxRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * Takes over sandboxes claimed in the database: this instance's own after a restart, or a dead instance's it adopted.
 */
@ApplicationScoped
public class SandboxRecovery {

    private static final TypeReference<List<FileRef>> FILE_LIST = new TypeReference<>() { };
    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, String>> ENV = new com.fasterxml.jackson.core.type.TypeReference<>() { };

    private final SandboxRegistry registry;
    private final SessionWorkers workers;
    private final CrashHandling crashes;
    private final BundleStore bundles;

    public SandboxRecovery(SandboxRegistry registry, SessionWorkers workers, CrashHandling crashes, BundleStore bundles) {
        this.registry = registry;
        this.workers = workers;
        this.crashes = crashes;
        this.bundles = bundles;
    }

    /**
     * Each that served a version is restarted on that version with its last saved state (reported
     * {@code dev.session.sandbox.ready} with {@code restarts}); one waiting for files waits again; a failed one waits
     * for its next reload; one whose registration was never acted on is left to that registration (its pending row
     * comes with it). One this instance runs already is left as it is. Their pending lifecycle events are to be
     * dispatched after this, so that they follow the restarts.
     */
    public void bringBack(List<SandboxRepository.Saved> saved) {
        for (SandboxRepository.Saved s : saved) {
            if (s.state() == SandboxState.STARTING && s.filesJson() == null) {
                continue;
            }
            Sandbox sandbox = restored(s);
            if (registry.add(sandbox)) {
                resume(sandbox, s);
            }
        }
    }

    private static Sandbox restored(SandboxRepository.Saved s) {
        List<FileRef> files = s.filesJson() == null ? List.of() : JsonText.read(s.filesJson(), FILE_LIST);
        Sandbox sandbox = new Sandbox(s.sessionId(), s.tenantId(), s.pluginId(), s.runtime(), s.entry(), s.sandboxEndpoint(), files,
                s.envJson() == null ? Map.of() : JsonText.read(s.envJson(), ENV));
        sandbox.restoredFromRow(s.sequence(), s.reloads(), s.restarts(),
                s.savedStateJson() == null ? null : JsonText.tree(s.savedStateJson()));
        return sandbox;
    }

    private void resume(Sandbox sandbox, SandboxRepository.Saved s) {
        if (s.state() == SandboxState.WAITING_FOR_FILES) {
            sandbox.waitForFiles();
        } else if (s.filesJson() == null) {
            sandbox.failed("the orchestrator restarted before this sandbox served a version"); // its next reload starts it
        } else {
            sandbox.awaitingRestart(new BundleVersion(s.sequence(), bundles.versionDir(s.sessionId(), s.sequence()), sandbox.files()));
            workers.run(sandbox, () -> crashes.restart(sandbox));
        }
    }
}
