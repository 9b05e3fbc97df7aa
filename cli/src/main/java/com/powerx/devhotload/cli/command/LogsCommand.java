package com.powerx.devhotload.cli.command;

import com.powerx.devhotload.cli.Exit;
import com.powerx.devhotload.cli.api.LogStream;
import com.powerx.devhotload.cli.config.DevSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/** {@code px-plugin logs [--follow] [--since ID]}: the cached session's log lines from the CLI log stream. */
@Command(name = "logs", mixinStandardHelpOptions = true, description = "Print the cached session's log (CLI log stream).")
public final class LogsCommand extends Subcommand implements Callable<Integer> {

    /** Without --follow the command ends once the stream has been quiet this long (the replay is over). */
    private static final long IDLE_MILLIS = 1500;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until Ctrl-C or the session ends.")
    boolean follow;

    @Option(names = "--since", paramLabel = "ID", description = "Start after this event id (default: everything retained).")
    String since;

    @Override
    public Integer call() throws InterruptedException {
        CliContext ctx = ctx();
        DevSession session = ctx.sessions().require();
        LogStream stream = ctx.logStream();
        AtomicLong lastFrame = new AtomicLong(System.currentTimeMillis());
        String start = since != null ? since : "0-0";
        Runtime.getRuntime().addShutdownHook(new Thread(stream::close));
        if (follow) {
            stream.follow(session.sessionId(), session.reloadToken(), start,
                    frame -> LogPrinter.print(frame, session.sessionId(), ctx.printer()));
            return Exit.OK;
        }
        Thread reader = Thread.ofPlatform().daemon().start(() -> stream.follow(session.sessionId(), session.reloadToken(), start, frame -> {
            lastFrame.set(System.currentTimeMillis());
            LogPrinter.print(frame, session.sessionId(), ctx.printer());
        }));
        while (reader.isAlive() && System.currentTimeMillis() - lastFrame.get() < IDLE_MILLIS) {
            reader.join(100);
        }
        stream.close();
        return Exit.OK;
    }
}
