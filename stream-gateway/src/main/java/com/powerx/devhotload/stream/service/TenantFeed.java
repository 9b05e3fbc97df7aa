package com.powerx.devhotload.stream.service;

import com.powerx.devhotload.stream.StreamEntry;
import com.powerx.devhotload.stream.StreamId;
import com.powerx.devhotload.stream.repository.ReplayStreamRepository.TailStart;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One tenant's stream as tailed on this replica: the position dispatched so far, the members attached to it, and
 * the routing index of those that are live (session id → members; members without a session filter are matched one
 * by one). Confined to the {@link LiveTail}'s context, like all tail state.
 */
final class TenantFeed {

    final String tenant;
    private StreamId position = StreamId.ZERO;
    private long number;
    private boolean ready;
    private final Set<FeedMember> attached = new HashSet<>();
    private final Map<String, Set<FeedMember>> bySession = new HashMap<>();
    private final Set<FeedMember> broad = new HashSet<>();
    /** Join requests that arrived before the end of the stream was known. */
    private final List<Runnable> waiting = new ArrayList<>();

    TenantFeed(String tenant) {
        this.tenant = tenant;
    }

    /** Whether the end of the stream is known, so that the feed can be read and members can join. */
    boolean ready() {
        return ready;
    }

    StreamId position() {
        return position;
    }

    /** The feed starts at the end of the stream as it is now; join requests that waited for it are answered. */
    void started(TailStart start) {
        position = start.position();
        number = start.number();
        ready = true;
        List<Runnable> answers = List.copyOf(waiting);
        waiting.clear();
        answers.forEach(Runnable::run);
    }

    void attach(FeedMember member) {
        attached.add(member);
    }

    boolean isAttached(FeedMember member) {
        return attached.contains(member);
    }

    /** Forgets a member; true when it was the last one. */
    boolean detach(FeedMember member) {
        attached.remove(member);
        unindex(member);
        return attached.isEmpty();
    }

    /** Runs {@code join} now if the feed is ready, otherwise once it is. */
    void whenReady(Runnable join) {
        if (ready) {
            join.run();
        } else {
            waiting.add(join);
        }
    }

    /**
     * Decides, against the position dispatched so far, whether the member can go live after {@code cursor} (null:
     * from now on). The answer is given here, on the tail's context, so it leaves before any entry dispatched later.
     */
    void join(FeedMember member, StreamId cursor) {
        if (!attached.contains(member)) {
            return; // left while the feed was starting
        }
        if (cursor == null || !position.isAfter(cursor)) {
            index(member);
            member.onJoin(new JoinOutcome.Joined(cursor == null ? position : cursor));
        } else {
            member.onJoin(new JoinOutcome.Behind(position));
        }
    }

    /** Hands one read's entries to the live members they concern: each member's share as one list, in id order. */
    void dispatch(List<StreamEntry> entries) {
        if (!ready || entries.isEmpty()) {
            return;
        }
        Map<FeedMember, List<StreamEntry>> batches = new IdentityHashMap<>();
        for (StreamEntry entry : entries) {
            // A feed re-created during the read starts at a newer position: skip what it has already passed.
            if (!entry.id().isAfter(position)) {
                continue;
            }
            // Numbers start at 1 and rise by one per append; a lower number means the counter expired with an idle
            // stream and started again, which loses nothing.
            if (entry.number() > number + 1) {
                // Entries were trimmed before this read reached them (a burst larger than the retention): every
                // live member is told before it receives what follows, and reconnects or accepts the gap.
                handOver(batches);
                live().forEach(member -> member.onLost(entry.id()));
            }
            if (entry.number() > 0) {
                number = entry.number();
            }
            position = entry.id();
            route(entry, batches);
        }
        handOver(batches);
    }

    private void route(StreamEntry entry, Map<FeedMember, List<StreamEntry>> batches) {
        if (entry.sessionId() != null) {
            for (FeedMember member : bySession.getOrDefault(entry.sessionId(), Set.of())) {
                batches.computeIfAbsent(member, m -> new ArrayList<>()).add(entry);
            }
        }
        for (FeedMember member : broad) {
            if (member.subscription().filter().matches(entry)) {
                batches.computeIfAbsent(member, m -> new ArrayList<>()).add(entry);
            }
        }
    }

    private static void handOver(Map<FeedMember, List<StreamEntry>> batches) {
        batches.forEach(FeedMember::onLive);
        batches.clear();
    }

    private Set<FeedMember> live() {
        Set<FeedMember> all = new HashSet<>(broad);
        bySession.values().forEach(all::addAll);
        return all;
    }

    private void index(FeedMember member) {
        Set<String> sessions = member.subscription().filter().sessionIds();
        if (sessions.isEmpty()) {
            broad.add(member);
        } else {
            sessions.forEach(s -> bySession.computeIfAbsent(s, k -> new HashSet<>()).add(member));
        }
    }

    private void unindex(FeedMember member) {
        broad.remove(member);
        for (String session : member.subscription().filter().sessionIds()) {
            Set<FeedMember> members = bySession.get(session);
            if (members != null) {
                members.remove(member);
                if (members.isEmpty()) {
                    bySession.remove(session);
                }
            }
        }
    }
}
