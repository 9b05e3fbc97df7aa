-- diagnostics-service: the evidence store, report tasks and regression runs (docs/diagnostics-service.md).

-- Every event of the loop, masked at ingest. Partitioned by day of event time so that retention drops whole
-- partitions instead of deleting rows; the primary key holds the event time because a partitioned table's unique
-- keys must include the partition key — a redelivered event carries the same time, so it is still stored once.
CREATE TABLE evidence (
    event_time  TIMESTAMPTZ NOT NULL,
    event_id    TEXT        NOT NULL,
    tenant_id   TEXT        NOT NULL,
    plugin_id   TEXT,
    session_id  TEXT,
    trace_id    TEXT,
    type        TEXT        NOT NULL,
    -- The Kafka topic and offset: a source's own order where producers' clocks disagree.
    source      TEXT        NOT NULL,
    source_seq  BIGINT      NOT NULL,
    level       TEXT,
    message     TEXT,
    data        TEXT        NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (event_time, event_id)
) PARTITION BY RANGE (event_time);
CREATE INDEX evidence_session ON evidence (tenant_id, session_id, event_time);
CREATE INDEX evidence_plugin ON evidence (tenant_id, plugin_id, event_time);
CREATE INDEX evidence_trace ON evidence (trace_id) WHERE trace_id IS NOT NULL;
-- Events outside every daily partition (far past or future clocks): kept, and expired by the retention job.
CREATE TABLE evidence_default PARTITION OF evidence DEFAULT;

-- What diagnostics knows of each session (event-carried state): scope checks, reload-token callers, environment.
CREATE TABLE session_info (
    session_id   TEXT PRIMARY KEY,
    tenant_id    TEXT        NOT NULL,
    plugin_id    TEXT        NOT NULL,
    developer_id TEXT,
    token_sha256 TEXT,
    runtime      TEXT,
    version      TEXT,
    build_hash   TEXT,
    status       TEXT        NOT NULL,
    registered_at TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX session_info_plugin ON session_info (tenant_id, plugin_id, registered_at DESC);

-- One row per report: the task state machine (pending → collecting → masking → ready | failed) and its result.
-- A worker holds a task through a lease, so a task of a killed instance is taken up again when the lease runs out.
CREATE TABLE report (
    report_id       UUID PRIMARY KEY,
    tenant_id       TEXT        NOT NULL,
    alert_id        TEXT,
    plugin_id       TEXT        NOT NULL,
    session_id      TEXT,
    trace_id        TEXT,
    severity        TEXT,
    notes           TEXT,
    window_from     TIMESTAMPTZ NOT NULL,
    window_to       TIMESTAMPTZ NOT NULL,
    status          TEXT        NOT NULL,
    attempts        INT         NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    lease_owner     TEXT,
    lease_expires_at TIMESTAMPTZ,
    fingerprint     TEXT,
    title           TEXT,
    summary         TEXT,
    failure_reason  TEXT,
    body            TEXT,
    markdown        TEXT,
    bundle          BYTEA,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    generated_at    TIMESTAMPTZ,
    generation_ms   BIGINT
);
-- One report per alert (CONTRACT.md §7: idempotent per alertId).
CREATE UNIQUE INDEX report_alert ON report (tenant_id, alert_id) WHERE alert_id IS NOT NULL;
CREATE INDEX report_work ON report (next_attempt_at) WHERE status IN ('pending', 'collecting', 'masking');
CREATE INDEX report_scope ON report (tenant_id, plugin_id, created_at DESC);

CREATE TABLE regression_run (
    run_id      UUID PRIMARY KEY,
    report_id   UUID        NOT NULL REFERENCES report (report_id),
    tenant_id   TEXT        NOT NULL,
    session_id  TEXT,
    status      TEXT        NOT NULL,
    details     TEXT,
    attempts    INT         NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    lease_owner TEXT,
    lease_expires_at TIMESTAMPTZ,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at TIMESTAMPTZ
);
CREATE INDEX regression_work ON regression_run (next_attempt_at) WHERE status = 'running';
