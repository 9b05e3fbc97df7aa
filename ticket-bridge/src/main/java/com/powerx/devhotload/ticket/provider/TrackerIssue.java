package com.powerx.devhotload.ticket.provider;

/** An issue in a tracker: its id for API calls, its human key and its link. */
public record TrackerIssue(String id, String key, String url) {
}
