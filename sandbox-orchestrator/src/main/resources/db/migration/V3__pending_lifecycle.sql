-- Lifecycle events recorded as processed but not yet acted on (an inbox). The consumer writes a row in the same
-- transaction as the processed mark; the session's worker deletes it once the step has run. A restarted instance
-- acts on what is left, in arrival order, so a kill -9 between that commit and the step loses no registration,
-- reload or end (the steps are idempotent: a replayed reload of an older sequence is skipped).
CREATE TABLE pending_lifecycle (
    seq         BIGSERIAL PRIMARY KEY,
    event_id    TEXT NOT NULL UNIQUE,
    instance_id TEXT NOT NULL,
    event       TEXT NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX pending_lifecycle_by_instance ON pending_lifecycle (instance_id, seq);
