package com.powerx.devhotload.stream;

/** How entries become SSE frames on a connection. */
public enum FrameStyle {
    /** The admin stream: {@code event: <type>}, data as stored. */
    EVENTS,
    /** The Go CLI's log stream: {@code event: log} with the log line's fields, {@code event: end} when the session ends. */
    CLI_LOG
}
