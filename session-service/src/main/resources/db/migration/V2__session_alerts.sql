-- Open alerts per session, learned from plugin.debug.alert / plugin.debug.alert.resolved (telemetry-ingest owns the
-- alerts; this is only what the admin views need: how many are open on each session). A row is an open alert.
CREATE TABLE dev_session_alert (
    alert_id   TEXT        PRIMARY KEY,
    session_id UUID        NOT NULL REFERENCES dev_session (id) ON DELETE CASCADE,
    tenant_id  TEXT        NOT NULL,
    rule       TEXT        NOT NULL,
    severity   TEXT        NOT NULL,
    opened_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX dev_session_alert_session ON dev_session_alert (session_id);
