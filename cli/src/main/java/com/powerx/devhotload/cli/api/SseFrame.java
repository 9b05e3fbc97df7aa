package com.powerx.devhotload.cli.api;

/** One server-sent event: its id (may be null), event name ({@code message} by default) and data text. */
public record SseFrame(String id, String event, String data) {
}
