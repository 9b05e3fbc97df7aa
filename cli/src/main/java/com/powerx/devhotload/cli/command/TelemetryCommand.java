package com.powerx.devhotload.cli.command;

import com.powerx.devhotload.cli.Exit;
import com.powerx.devhotload.cli.output.Event;
import com.powerx.devhotload.cli.telemetry.TelemetryFlusher;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code px-plugin telemetry flush}: sends the telemetry buffered in {@code ~/.powerx/telemetry/} now. */
@Command(name = "telemetry", mixinStandardHelpOptions = true, description = "CLI telemetry buffered on disk.",
        subcommands = TelemetryCommand.Flush.class)
public final class TelemetryCommand implements Runnable {

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "name a subcommand: flush");
    }

    /** {@code telemetry flush}. */
    @Command(name = "flush", mixinStandardHelpOptions = true, description = "Send the buffered telemetry to telemetry-ingest.")
    public static final class Flush extends Subcommand implements Callable<Integer> {

        @Override
        public Integer call() {
            TelemetryFlusher flusher = ctx().flusher();
            flusher.recoverAbandoned();
            TelemetryFlusher.Result result = flusher.flush();
            ctx().printer().event(Event.of("flushed").message(result.sent() + " event(s) sent, " + result.rejected() + " rejected, "
                    + result.kept() + " kept for later").put("sent", result.sent()).put("rejected", result.rejected()).put("kept", result.kept()));
            return Exit.OK;
        }
    }
}
