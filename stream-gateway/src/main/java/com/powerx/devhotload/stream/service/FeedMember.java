package com.powerx.devhotload.stream.service;

import com.powerx.devhotload.stream.StreamEntry;
import com.powerx.devhotload.stream.StreamId;
import com.powerx.devhotload.stream.Subscription;

import java.util.List;

/** A subscriber as the {@link LiveTail} sees it: what it wants, and where new entries go. */
public interface FeedMember {

    Subscription subscription();

    /**
     * The tail's answer to {@link LiveTail#goLive}. Called on the tail's event loop, before any entry handed over
     * after the decision: implementations take it on their own loop by the same path as {@link #onLive} (the same
     * task queue, in call order), so that it is taken before those entries.
     */
    void onJoin(JoinOutcome outcome);

    /**
     * New entries of its tenant, in id order: every entry of its sessions when it filters by session (so that it
     * sees its session end), otherwise only the entries its filter matches. Called on the tail's event loop:
     * implementations hand the entries over to their own and return at once.
     */
    void onLive(List<StreamEntry> entries);

    /**
     * Entries after the last one handed over were trimmed before the tail could read them; the next entry is
     * {@code nextAvailable}. Called on the tail's event loop, before that entry is handed over.
     */
    void onLost(StreamId nextAvailable);
}
