-- session-service owns these tables (database px_session). Every query filters by tenant_id.

CREATE TABLE dev_session (
    id                   UUID PRIMARY KEY,
    tenant_id            TEXT        NOT NULL,
    developer_id         TEXT        NOT NULL,
    plugin_id            TEXT        NOT NULL,
    version              TEXT,
    runtime              TEXT        NOT NULL,
    entry                TEXT,
    status               TEXT        NOT NULL,            -- pending | active | terminated | expired
    sandbox_state        TEXT        NOT NULL,            -- waiting-for-files | starting | ready | reloading | failed | crashed | stopped
    sandbox_last_error   TEXT,
    reload_token_hash    BYTEA       NOT NULL,            -- SHA-256 of the token; the token itself is never stored
    files                JSONB       NOT NULL DEFAULT '[]',
    good_files           JSONB,                           -- the last file list that loaded successfully (strategy rollback)
    build_hash           TEXT,
    sandbox_endpoint     TEXT,
    cli_version          TEXT,
    trace_id             TEXT,
    metadata             JSONB       NOT NULL DEFAULT '{}',
    last_sequence        BIGINT      NOT NULL DEFAULT 0,  -- the last reload sequence handed out
    reload_count         INT         NOT NULL DEFAULT 0,
    last_reload_sequence BIGINT,
    last_reload_result   TEXT,
    last_reload_ms       BIGINT,
    last_reload_at       TIMESTAMPTZ,
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at           TIMESTAMPTZ NOT NULL,
    ended_at             TIMESTAMPTZ,
    termination_note     TEXT
);
-- One live (pending or active) session per tenant and plugin; concurrent registers race on this index.
CREATE UNIQUE INDEX dev_session_one_live ON dev_session (tenant_id, plugin_id) WHERE status IN ('pending', 'active');
CREATE INDEX dev_session_tenant_created ON dev_session (tenant_id, created_at DESC);
CREATE INDEX dev_session_live_expiry ON dev_session (expires_at) WHERE status IN ('pending', 'active');

CREATE TABLE dev_reload (
    session_id      UUID        NOT NULL REFERENCES dev_session (id) ON DELETE CASCADE,
    sequence        BIGINT      NOT NULL,
    reload_id       UUID        NOT NULL,
    client_sequence BIGINT,
    strategy        TEXT        NOT NULL,
    files           JSONB       NOT NULL,
    changed_files   JSONB       NOT NULL DEFAULT '[]',
    build_hash      TEXT,
    success         BOOLEAN     NOT NULL,
    error           TEXT,
    diagnostics     JSONB       NOT NULL DEFAULT '[]',
    status          TEXT        NOT NULL,   -- accepted | recorded | waiting-for-files
    result          TEXT,                   -- reloaded | failed | rolled-back | superseded (from the sandbox)
    result_error    TEXT,
    duration_ms     BIGINT,
    requested_by    TEXT        NOT NULL,
    requested_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    completed_at    TIMESTAMPTZ,
    PRIMARY KEY (session_id, sequence)
);
CREATE INDEX dev_reload_requested_at ON dev_reload (requested_at);

-- x-reload-id idempotency keys, kept 24 h per session.
CREATE TABLE dev_idempotency_key (
    session_id   UUID        NOT NULL REFERENCES dev_session (id) ON DELETE CASCADE,
    key          TEXT        NOT NULL,
    request_hash BYTEA       NOT NULL,
    status_code  INT         NOT NULL,
    response     JSONB       NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (session_id, key)
);

-- Content-addressed bundle blobs, scoped to a tenant; the bytes live on the blob volume.
CREATE TABLE dev_blob (
    tenant_id  TEXT        NOT NULL,
    sha256     TEXT        NOT NULL,
    size       BIGINT      NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, sha256)
);

CREATE TABLE dev_audit (
    id         UUID PRIMARY KEY,
    tenant_id  TEXT        NOT NULL,
    actor      TEXT        NOT NULL,
    action     TEXT        NOT NULL,
    session_id UUID,
    result     TEXT        NOT NULL,
    reason     TEXT,
    at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX dev_audit_tenant_at ON dev_audit (tenant_id, at DESC);
