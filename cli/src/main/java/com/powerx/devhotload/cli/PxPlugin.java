package com.powerx.devhotload.cli;

import com.powerx.devhotload.cli.command.AuthCommand;
import com.powerx.devhotload.cli.command.CliContext;
import com.powerx.devhotload.cli.command.DebugCommand;
import com.powerx.devhotload.cli.command.DevCommand;
import com.powerx.devhotload.cli.command.DoctorCommand;
import com.powerx.devhotload.cli.command.LintCommand;
import com.powerx.devhotload.cli.command.LogsCommand;
import com.powerx.devhotload.cli.command.TelemetryCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;

/** {@code px-plugin}: the developer CLI of PowerX Dev Hotload (CONTRACT §11). Entry point and top-level error handling. */
@Command(name = "px-plugin", mixinStandardHelpOptions = true, version = "px-plugin " + PxPlugin.VERSION,
        description = "Develop PowerX plugins against a Dev Hotload suite: register, hot reload, logs, diagnostics.",
        subcommands = {DevCommand.class, LintCommand.class, LogsCommand.class, DoctorCommand.class, TelemetryCommand.class,
                DebugCommand.class, AuthCommand.class, CommandLine.HelpCommand.class})
public final class PxPlugin implements Runnable {

    public static final String VERSION = "0.1.0";

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "One JSON object per line on stdout.")
    boolean json;

    @Option(names = "--api", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "session-service base URL (default: PX_DEV_API_BASE_URL or http://127.0.0.1:8081).")
    String api;

    @Option(names = "--no-telemetry", scope = ScopeType.INHERIT, description = "Record and send no CLI telemetry.")
    boolean noTelemetry;

    private CliContext context;
    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    PxPlugin(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "name a command: dev, lint, logs, doctor, telemetry, debug or auth");
    }

    /** The shared services of one run, built on first use (after the options were parsed). */
    public CliContext context() {
        if (context == null) {
            context = new CliContext(env, api, json, noTelemetry, out, err, Clock.systemUTC());
        }
        return context;
    }

    public static void main(String[] args) {
        int code = run(args, System.getenv(), System.out, System.err);
        System.exit(code);
    }

    /** Runs one command line and answers its exit code; never throws, never prints a stack trace. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        PxPlugin root = new PxPlugin(env, out, err);
        CommandLine line = new CommandLine(root);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        line.setExecutionExceptionHandler((e, cmd, parsed) -> handle(root, e));
        line.setParameterExceptionHandler((e, args2) -> {
            err.println("error: " + e.getMessage() + " — see px-plugin " + commandPath(e.getCommandLine()) + "--help");
            return Exit.INVALID;
        });
        try {
            return line.execute(args);
        } catch (RuntimeException e) {
            return handle(root, e);
        } catch (Error e) {
            // A broken install (a class missing from the jar) must still end in one line, not a stack trace.
            err.println("error: px-plugin failed: " + e + " — rebuild it with ./mvnw -pl cli -am package -DskipTests");
            return Exit.INVALID;
        }
    }

    private static int handle(PxPlugin root, Exception e) {
        CliException failure = e instanceof CliException cli ? cli
                : new CliException(Exit.INVALID, "CLI_INTERNAL", "unexpected " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()), "run again; if it persists, report it with ~/.powerx/logs/px-plugin-dev.log");
        try {
            root.context().printer().error(failure, null);
            root.context().devLog().write("error", "error", failure.getMessage(), null, null, null, failure.errorCode());
        } catch (RuntimeException secondary) {
            root.err.println("error: " + failure.oneLine());
        }
        return failure.exitCode();
    }

    private static String commandPath(CommandLine command) {
        StringBuilder path = new StringBuilder();
        for (CommandLine c = command; c != null && c.getParent() != null; c = c.getParent()) {
            path.insert(0, c.getCommandName() + " ");
        }
        return path.toString();
    }
}
