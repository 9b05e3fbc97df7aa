-- Where each orchestrator instance answers (PX_INSTANCE_URL; docs/sandbox-orchestrator.md, "Replicas"). A sandbox API
-- call may reach a replica that does not run the session: that replica looks up the session's live owner here and
-- forwards the call to it, once.
CREATE TABLE orchestrator_instance (
    instance_id TEXT PRIMARY KEY,
    url         TEXT        NOT NULL,
    seen_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
