package com.powerx.devhotload.cli.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.powerx.devhotload.cli.CliException;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Everything the CLI tells the user: one line per event, coloured only on a terminal; with {@code --json} one JSON
 * object per line on stdout, flushed at once so that a process reading the pipe sees each event as it happens.
 */
public final class Printer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final PrintStream out;
    private final PrintStream err;
    private final boolean json;
    private final boolean colour;
    private final Clock clock;

    public Printer(PrintStream out, PrintStream err, boolean json, boolean colour, Clock clock) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.colour = colour && !json;
        this.clock = clock;
    }

    public boolean json() {
        return json;
    }

    public synchronized void event(Event event) {
        if (json) {
            out.println(toJson(event));
        } else {
            out.println(human(event));
        }
        out.flush();
    }

    /** A plain line for people (stdout); in --json mode it goes to stderr so stdout stays machine-readable. */
    public synchronized void line(String text) {
        PrintStream target = json ? err : out;
        target.println(text);
        target.flush();
    }

    /** A plain line on stderr, in both modes (problems that stop a command). */
    public synchronized void errLine(String text) {
        err.println(text);
        err.flush();
    }

    /** One warning line on stderr, in both modes. */
    public synchronized void warn(String text) {
        err.println(paint("33", text));
        err.flush();
    }

    /** The error as an {@code error} event (JSON mode) and as one line on stderr. */
    public synchronized void error(CliException e, String sessionId) {
        if (json) {
            out.println(toJson(Event.of("error").sessionId(sessionId).error(e.getMessage()).message(e.nextStep()).put("errorCode", e.errorCode())));
            out.flush();
        }
        err.println(paint("31", "error: " + e.oneLine()));
        err.flush();
    }

    public String toJson(Event event) {
        ObjectNode node = JSON.createObjectNode();
        node.put("event", event.name());
        event.fields().forEach((field, value) -> node.set(field, JSON.valueToTree(value)));
        node.put("time", clock.instant().toString());
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String human(Event event) {
        StringBuilder line = new StringBuilder();
        line.append(CLOCK.format(clock.instant().atZone(ZoneId.systemDefault()))).append("  ");
        line.append(paint(colourOf(event.name()), String.format("%-11s", event.name())));
        append(line, event.get("sequence"), "#");
        Object duration = event.get("durationMs");
        if (duration != null) {
            line.append(" in ").append(duration).append(" ms");
        }
        Object bytes = event.get("bytes");
        if (bytes != null) {
            line.append(" (").append(bytes).append(" bytes)");
        }
        append(line, event.get("message"), "");
        Object error = event.get("error");
        if (error != null) {
            line.append(" — ").append(paint("31", String.valueOf(error)));
        }
        Object file = event.get("file");
        if (file != null && (error == null || !String.valueOf(error).contains(String.valueOf(file)))) {
            line.append(" (").append(file).append(event.get("line") == null ? "" : ":" + event.get("line")).append(')');
        }
        return line.toString();
    }

    private static void append(StringBuilder line, Object value, String prefix) {
        if (value != null) {
            line.append(' ').append(prefix).append(value);
        }
    }

    private static String colourOf(String event) {
        return switch (event) {
            case "registered", "ready", "reloaded" -> "32";
            case "rolled-back" -> "33";
            case "failed", "error" -> "31";
            case "log" -> "2";
            default -> "36";
        };
    }

    private String paint(String code, String text) {
        return colour ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }

    /** Whether stdout is a terminal: JDK 22+ has Console.isTerminal(); on 21 a non-null console means one. */
    public static boolean terminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
