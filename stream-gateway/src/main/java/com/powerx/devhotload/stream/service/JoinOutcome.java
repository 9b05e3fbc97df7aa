package com.powerx.devhotload.stream.service;

import com.powerx.devhotload.stream.StreamId;

/** The tail's answer to a member that wants to go live. */
public sealed interface JoinOutcome {

    /** Live from now on: every entry after {@code position} will be handed to the member. */
    record Joined(StreamId position) implements JoinOutcome {
    }

    /** The tail has already passed the member's cursor: replay up to {@code position} first, then ask again. */
    record Behind(StreamId position) implements JoinOutcome {
    }
}
