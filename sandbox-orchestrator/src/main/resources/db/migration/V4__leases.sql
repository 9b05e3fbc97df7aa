-- Owner leases (docs/sandbox-orchestrator.md, "Leases"): the instance named in instance_id owns a sandbox while
-- lease_expires_at is in the future, and renews it every few seconds. A sandbox whose lease has run out belongs to a
-- dead instance: another one adopts it (one UPDATE ... WHERE lease_expires_at < now(), so exactly one wins).
ALTER TABLE sandbox ADD COLUMN lease_expires_at TIMESTAMPTZ;
-- Existing sandboxes: two minutes for their own instance to come back and claim them before anyone adopts them.
UPDATE sandbox SET lease_expires_at = now() + interval '2 minutes' WHERE state <> 'stopped';
CREATE INDEX sandbox_expiring_leases ON sandbox (lease_expires_at) WHERE state <> 'stopped';

-- The inbox now carries every lifecycle event to the instance that owns its session, whichever replica consumed it:
-- instance_id is that owner, taken says its intake has picked the row up (the row stays until the step has run),
-- session_id lets an adopter take a dead instance's rows with its sandboxes.
ALTER TABLE pending_lifecycle ADD COLUMN session_id TEXT;
ALTER TABLE pending_lifecycle ADD COLUMN taken BOOLEAN NOT NULL DEFAULT false;
UPDATE pending_lifecycle SET session_id = event::jsonb ->> 'sessionid';
CREATE INDEX pending_lifecycle_by_session ON pending_lifecycle (session_id);
CREATE INDEX pending_lifecycle_to_take ON pending_lifecycle (instance_id, seq) WHERE NOT taken;
