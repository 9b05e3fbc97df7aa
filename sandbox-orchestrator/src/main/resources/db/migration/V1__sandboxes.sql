-- sandbox-orchestrator: the sandboxes it runs, the versions it materialised and every reload it applied.
CREATE TABLE sandbox (
    session_id      UUID        PRIMARY KEY,
    tenant_id       TEXT        NOT NULL,
    plugin_id       TEXT        NOT NULL,
    runtime         TEXT        NOT NULL,
    entry           TEXT,
    sandbox_endpoint TEXT,
    state           TEXT        NOT NULL,  -- starting | ready | reloading | failed | crashed | stopped
    sequence        BIGINT,                -- the version serving
    last_error      TEXT,
    reloads         INTEGER     NOT NULL DEFAULT 0,
    restarts        INTEGER     NOT NULL DEFAULT 0,
    started_at      TIMESTAMPTZ,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE sandbox_version (
    session_id  UUID        NOT NULL REFERENCES sandbox (session_id) ON DELETE CASCADE,
    sequence    BIGINT      NOT NULL,
    files       JSONB       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (session_id, sequence)
);

CREATE TABLE reload_attempt (
    session_id  UUID        NOT NULL REFERENCES sandbox (session_id) ON DELETE CASCADE,
    sequence    BIGINT      NOT NULL,
    result      TEXT        NOT NULL,  -- reloaded | rolled-back | failed | superseded
    duration_ms BIGINT,
    phases      JSONB,
    error       JSONB,
    at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (session_id, sequence)
);
