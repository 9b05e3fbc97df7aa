package com.powerx.devhotload.stream.repository;

import com.powerx.devhotload.stream.StreamEntry;
import com.powerx.devhotload.stream.StreamId;

import java.util.List;

/**
 * One read of a tenant's replay stream after a cursor.
 *
 * @param lastNumber the number of the newest entry ever appended to the stream (0 if none)
 */
public record ReplayPage(long lastNumber, List<StreamEntry> entries) {

    /**
     * Whether entries after {@code cursor} were trimmed before they could be read, so that the reader must be told:
     * entry numbers rise by one, so the first entry read must be the cursor's number + 1. A cursor older than the
     * retention age counts as lost in any case (CONTRACT.md §5), except the cursor 0, "everything retained".
     */
    public boolean lostAfter(StreamId cursor, long retentionStartMillis) {
        if (cursor.millis() > 0 && cursor.millis() < retentionStartMillis) {
            return true;
        }
        if (entries.isEmpty()) {
            return lastNumber > cursor.sequence();
        }
        return entries.getFirst().number() != cursor.sequence() + 1;
    }
}
