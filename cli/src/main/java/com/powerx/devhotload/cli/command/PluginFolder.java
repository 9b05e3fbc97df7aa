package com.powerx.devhotload.cli.command;

import com.powerx.devhotload.cli.CliException;
import com.powerx.devhotload.cli.bundle.BlobHasher;
import com.powerx.devhotload.cli.bundle.Bundle;
import com.powerx.devhotload.cli.bundle.BundleScanner;
import com.powerx.devhotload.cli.bundle.LintProblem;
import com.powerx.devhotload.cli.bundle.Limits;
import com.powerx.devhotload.cli.bundle.Manifest;
import com.powerx.devhotload.cli.bundle.ManifestLinter;
import com.powerx.devhotload.cli.bundle.ManifestReader;
import com.powerx.devhotload.cli.bundle.PluginBuild;
import com.powerx.devhotload.cli.output.Event;
import com.powerx.devhotload.cli.output.Printer;
import com.powerx.devhotload.cli.telemetry.Telemetry;
import com.powerx.devhotload.cli.telemetry.TelemetryEvent;
import com.powerx.devhotload.cli.watch.IgnoreRules;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A plugin folder on its way to the server: manifest read, build run, files bundled and linted. */
final class PluginFolder {

    private final Path dir;
    private final String runtimeOverride;
    private final Limits limits;
    private final BlobHasher hasher = new BlobHasher();
    private Manifest manifest;

    PluginFolder(Path dir, String runtimeOverride, Limits limits) {
        this.dir = dir.toAbsolutePath().normalize();
        this.runtimeOverride = runtimeOverride;
        this.limits = limits;
    }

    Path dir() {
        return dir;
    }

    Manifest manifest() {
        if (manifest == null) {
            manifest = ManifestReader.read(dir);
        }
        return manifest;
    }

    /** Re-reads the manifest (it may be among the saved files). */
    Manifest reload() {
        manifest = null;
        return manifest();
    }

    String runtime() {
        return manifest().effectiveRuntime(runtimeOverride);
    }

    /** The paths a save must not trigger a reload for (adds the build output to the bundle's rules). */
    IgnoreRules watchRules() {
        return IgnoreRules.forFolder(dir, manifest().buildOutput());
    }

    Bundle scan() {
        return new BundleScanner(hasher, limits.maxFileBytes()).scan(dir, IgnoreRules.forFolder(dir, null));
    }

    List<LintProblem> lint(Bundle bundle) {
        return ManifestLinter.lint(manifest(), bundle, runtimeOverride, limits);
    }

    /** Runs the declared build, if any; null when there is none. */
    PluginBuild.Result build(Printer printer, Telemetry telemetry, String sessionId) {
        String command = manifest().buildCommand();
        if (command == null) {
            return null;
        }
        PluginBuild.Result result = PluginBuild.run(command, dir);
        telemetry.record(TelemetryEvent.BUILD_TIME, sessionId, manifest().id(), result.durationMs(), Map.of("success", String.valueOf(result.success())));
        if (!result.success()) {
            telemetry.error("CLI_BUILD_FAILED", sessionId, manifest().id());
        }
        printer.line("build '" + command + "' " + (result.success() ? "done" : "failed (exit " + result.exitCode() + ")") + " in " + result.durationMs() + " ms");
        return result;
    }

    /** Prints every problem and throws a validation error (exit 1) when there is any. */
    void requireValid(List<LintProblem> problems, Printer printer, Telemetry telemetry, String sessionId) {
        if (problems.isEmpty()) {
            return;
        }
        report(problems, printer, true);
        String id = manifest().id();
        if (ManifestLinter.oversize(problems)) {
            telemetry.record(TelemetryEvent.BUNDLE_OVERSIZE, sessionId, id, 1, null);
        }
        telemetry.error("CLI_LINT_FAILED", sessionId, id);
        throw CliException.invalid(problems.size() + " problem(s) in " + dir + ": " + problems.getFirst(),
                "fix them (px-plugin lint --hotload lists them all)");
    }

    static void report(List<LintProblem> problems, Printer printer) {
        report(problems, printer, false);
    }

    /** Each problem as an {@code error} event (--json) or a line, on stderr when it stops the command. */
    static void report(List<LintProblem> problems, Printer printer, boolean toStderr) {
        for (LintProblem problem : problems) {
            if (printer.json()) {
                printer.event(Event.of("error").put("path", problem.path()).error(problem.message()).put("errorCode", "CLI_LINT"));
            } else {
                String line = "  ✗ " + problem.path() + ": " + problem.message();
                if (toStderr) {
                    printer.errLine(line);
                } else {
                    printer.line(line);
                }
            }
        }
    }
}
