package com.powerx.devhotload.cli.command;

import com.powerx.devhotload.cli.Exit;
import com.powerx.devhotload.cli.bundle.Bundle;
import com.powerx.devhotload.cli.bundle.LintProblem;
import com.powerx.devhotload.cli.bundle.Limits;
import com.powerx.devhotload.cli.output.Event;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code px-plugin lint --hotload [--entry DIR]}: PowerX's publishing rules for the manifest and its files; exit 1 on any error. */
@Command(name = "lint", mixinStandardHelpOptions = true, description = "Check the manifest and files against PowerX's publishing rules.")
public final class LintCommand extends Subcommand implements Callable<Integer> {

    @Option(names = "--hotload", description = "Apply the hot-load publishing rules (the only rule set; accepted for compatibility).")
    boolean hotload;

    @Option(names = "--entry", paramLabel = "DIR", defaultValue = ".", description = "The plugin folder (default: .).")
    Path entry;

    @Option(names = "--runtime", paramLabel = "node|python|external", description = "Runtime to check the entry for, overriding the manifest's.")
    String runtime;

    @Option(names = "--max-bundle-size", paramLabel = "BYTES", description = "Largest bundle (and file) allowed (default 256 MiB).")
    Long maxBundleSize;

    @Override
    public Integer call() {
        PluginFolder folder = new PluginFolder(entry, runtime, Limits.DEFAULT.withMaxBundle(maxBundleSize));
        Bundle bundle = folder.scan();
        List<LintProblem> problems = folder.lint(bundle);
        var printer = ctx().printer();
        String what = folder.manifest().file().getFileName() + " (" + folder.manifest().id() + " " + folder.manifest().version()
                + ", " + bundle.files().size() + " files, " + bundle.totalBytes() + " bytes)";
        PluginFolder.report(problems, printer);
        String summary = problems.isEmpty() ? what + ": ok" : what + ": " + problems.size() + " problem(s)";
        if (printer.json()) {
            printer.event(Event.of(problems.isEmpty() ? "linted" : "failed").message(summary).put("errors", problems.size()));
        } else {
            printer.line(summary);
        }
        return problems.isEmpty() ? Exit.OK : Exit.INVALID;
    }
}
