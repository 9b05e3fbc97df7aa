package com.powerx.devhotload.sandbox.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.powerx.devhotload.contracts.payload.FileRef;
import com.powerx.devhotload.contracts.payload.ReloadRequested;
import com.powerx.devhotload.contracts.state.ReloadResult;
import com.powerx.devhotload.contracts.state.SandboxState;
import com.powerx.devhotload.sandbox.driver.RunningSandbox;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** A sandbox's transitions, without processes or a database. */
class SandboxTest {

    private static final List<FileRef> V0 = List.of(new FileRef("index.mjs", "0".repeat(64), 10L));
    private static final List<FileRef> V1 = List.of(new FileRef("index.mjs", "1".repeat(64), 11L));

    @Test
    void startsAsStartingAndServesOnceStarted() {
        Sandbox sandbox = sandbox("node");
        assertThat(sandbox.state()).isEqualTo(SandboxState.STARTING);
        assertThat(sandbox.occupiesSlot()).isTrue();

        FakeProcess process = new FakeProcess();
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        sandbox.started(process, version(0, V0), at);

        assertThat(sandbox.state()).isEqualTo(SandboxState.READY);
        assertThat(sandbox.process()).isSameAs(process);
        assertThat(sandbox.sequence()).isZero();
        assertThat(sandbox.lastGood().files()).isEqualTo(V0);
        assertThat(sandbox.startedAt()).isEqualTo(at);
        assertThat(sandbox.lastError()).isNull();
    }

    @Test
    void aStartRefusedForCapacityIsAFailedAttemptThatALaterStartClears() {
        Sandbox sandbox = sandbox("python");
        sandbox.startFailed("capacity reached", true, new LastReload(0, ReloadResult.FAILED, null, null));

        assertThat(sandbox.state()).isEqualTo(SandboxState.FAILED);
        assertThat(sandbox.refusedForCapacity()).isTrue();
        assertThat(sandbox.lastReload().result()).isEqualTo(ReloadResult.FAILED);
        assertThat(sandbox.process()).isNull();
        assertThat(sandbox.occupiesSlot()).isFalse();

        sandbox.started(new FakeProcess(), version(0, V0), Instant.now());
        assertThat(sandbox.refusedForCapacity()).isFalse();
        assertThat(sandbox.lastError()).isNull();
    }

    @Test
    void aReloadSwapsTheVersionAndARollbackKeepsTheOld() {
        Sandbox sandbox = started();
        sandbox.reloading();
        assertThat(sandbox.state()).isEqualTo(SandboxState.RELOADING);
        sandbox.reloaded(version(1, V1));
        sandbox.reloadAttempted(new LastReload(1, ReloadResult.RELOADED, 12L, null));

        assertThat(sandbox.state()).isEqualTo(SandboxState.READY);
        assertThat(sandbox.sequence()).isEqualTo(1);
        assertThat(sandbox.files()).isEqualTo(V1);
        assertThat(sandbox.reloads()).isEqualTo(1);

        sandbox.reloading();
        sandbox.rolledBack();
        sandbox.reloadAttempted(new LastReload(2, ReloadResult.ROLLED_BACK, 5L, null));
        assertThat(sandbox.state()).isEqualTo(SandboxState.READY);
        assertThat(sandbox.sequence()).isEqualTo(1);
        assertThat(sandbox.reloads()).isEqualTo(2);
        assertThat(sandbox.lastReload().result()).isEqualTo(ReloadResult.ROLLED_BACK);
    }

    @Test
    void anInterruptedReloadLeavesItReadyOnlyWhileTheProcessRuns() {
        Sandbox sandbox = started();
        sandbox.reloadInterrupted(true);
        assertThat(sandbox.state()).isEqualTo(SandboxState.READY);
        sandbox.reloadInterrupted(false);
        assertThat(sandbox.state()).isEqualTo(SandboxState.CRASHED);
    }

    @Test
    void aCrashDropsTheProcessAndRestartsAreCountedInTheirWindow() {
        Sandbox sandbox = started();
        sandbox.crashed("exited with code 1", true);
        assertThat(sandbox.state()).isEqualTo(SandboxState.CRASHED);
        assertThat(sandbox.process()).isNull();
        assertThat(sandbox.lastError()).isEqualTo("exited with code 1");
        assertThat(sandbox.occupiesSlot()).isTrue(); // a restart is coming

        Instant now = Instant.now();
        sandbox.restarting(now.minus(Duration.ofMinutes(6)));
        sandbox.restarting(now.minus(Duration.ofMinutes(1)));
        assertThat(sandbox.restarts()).isEqualTo(2);
        assertThat(sandbox.restartsWithin(Duration.ofMinutes(5), now)).isEqualTo(1);

        sandbox.crashed("too often", false);
        assertThat(sandbox.state()).isEqualTo(SandboxState.FAILED);
    }

    @Test
    void aFailedRollbackRelaunchesOnTheLastGoodVersion() {
        Sandbox sandbox = started();
        RunningSandbox old = sandbox.dropProcess();
        assertThat(old).isNotNull();
        assertThat(sandbox.process()).isNull();
        FakeProcess fresh = new FakeProcess();
        sandbox.relaunched(fresh);
        assertThat(sandbox.process()).isSameAs(fresh);
        assertThat(sandbox.state()).isEqualTo(SandboxState.READY);
    }

    @Test
    void endingDropsQueuedReloadsAndAStopLeavesNoProcess() {
        Sandbox sandbox = started();
        sandbox.queueReload(reload(3));
        sandbox.queueReload(reload(2));
        assertThat(sandbox.takeReloads()).extracting(ReloadRequested::sequence).containsExactly(2L, 3L);

        sandbox.queueReload(reload(4));
        sandbox.end();
        sandbox.stopped();
        assertThat(sandbox.ended()).isTrue();
        assertThat(sandbox.takeReloads()).isEmpty();
        assertThat(sandbox.state()).isEqualTo(SandboxState.STOPPED);
        assertThat(sandbox.process()).isNull();
        assertThat(sandbox.occupiesSlot()).isFalse();
    }

    @Test
    void broughtBackFromItsRowItAwaitsARestartOnTheVersionItServed() {
        Sandbox sandbox = sandbox("node");
        JsonNode state = JsonNodeFactory.instance.objectNode().put("count", 3);
        sandbox.restoredFromRow(4, 2, 1, state);
        sandbox.awaitingRestart(version(4, V0));

        assertThat(sandbox.state()).isEqualTo(SandboxState.CRASHED);
        assertThat(sandbox.sequence()).isEqualTo(4);
        assertThat(sandbox.reloads()).isEqualTo(2);
        assertThat(sandbox.restarts()).isEqualTo(1);
        assertThat(sandbox.lastState()).isEqualTo(state);
        assertThat(sandbox.lastReload()).isEqualTo(new LastReload(4, ReloadResult.RELOADED, null, null));
    }

    @Test
    void anExternalSandboxNeverHoldsASlot() {
        Sandbox sandbox = sandbox("external");
        assertThat(sandbox.needsSlot()).isFalse();
        assertThat(sandbox.occupiesSlot()).isFalse();
        sandbox.waitForFiles();
        assertThat(sandbox.state()).isEqualTo(SandboxState.WAITING_FOR_FILES);
    }

    private static Sandbox started() {
        Sandbox sandbox = sandbox("node");
        sandbox.started(new FakeProcess(), version(0, V0), Instant.now());
        return sandbox;
    }

    private static Sandbox sandbox(String runtime) {
        return new Sandbox("00000000-0000-0000-0000-000000000001", "local", "com.acme.test", runtime, "index.mjs", null, V0);
    }

    private static BundleVersion version(long sequence, List<FileRef> files) {
        return new BundleVersion(sequence, Path.of("v" + sequence), files);
    }

    private static ReloadRequested reload(long sequence) {
        return new ReloadRequested("00000000-0000-0000-0000-000000000001", sequence, "r" + sequence, "diff", V1, null, null,
                null, Instant.now(), null, null);
    }

    /** A process that is always alive and answers nothing. */
    private static final class FakeProcess implements RunningSandbox {
        @Override public JsonNode loadResult() { return null; }
        @Override public CompletableFuture<JsonNode> reload(Path dir, String entry, long sequence) { return new CompletableFuture<>(); }
        @Override public CompletableFuture<JsonNode> invoke(String handler, JsonNode payload, int timeoutMs) { return new CompletableFuture<>(); }
        @Override public CompletableFuture<JsonNode> getState() { return new CompletableFuture<>(); }
        @Override public CompletableFuture<JsonNode> ping() { return new CompletableFuture<>(); }
        @Override public boolean invocable() { return true; }
        @Override public void stop() { }
        @Override public boolean isAlive() { return true; }
        @Override public long pid() { return 1; }
    }
}
