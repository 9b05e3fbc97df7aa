-- ticket-bridge (CONTRACT.md §8, docs/ticket-bridge.md).

-- Reports seen on plugin.debug.report.ready, kept whether or not tickets are on: the manual hand-off
-- (POST /internal/ticket/create {reportId}) and comments need their fingerprint, title and build.
CREATE TABLE report_seen (
    report_id       TEXT        NOT NULL,
    tenant_id       TEXT        NOT NULL,
    plugin_id       TEXT        NOT NULL,
    session_id      TEXT,
    fingerprint     TEXT        NOT NULL,
    title           TEXT        NOT NULL,
    summary         TEXT,
    severity        TEXT,
    report_url      TEXT,
    reload_sequence BIGINT,
    build_hash      TEXT,
    seen_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, report_id)
);

-- One ticket per (tenant, fingerprint, provider): the unique key is what makes two racing reports one ticket.
CREATE TABLE ticket (
    ticket_id            UUID        PRIMARY KEY,
    tenant_id            TEXT        NOT NULL,
    plugin_id            TEXT        NOT NULL,
    fingerprint          TEXT        NOT NULL,
    provider             TEXT        NOT NULL CHECK (provider IN ('local', 'jira', 'github', 'webhook')),
    title                TEXT        NOT NULL,
    assignee             TEXT,
    -- The tracker's id (Jira issue id, GitHub issue number), its human key (PX-12, owner/repo#12) and link.
    tracker_id           TEXT,
    tracker_key          TEXT,
    url                  TEXT,
    state                TEXT        NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
    closed_by            TEXT        CHECK (closed_by IN ('regression', 'tracker', 'manual')),
    -- A close in the tracker: whether its state was a fix-like one (Done, Fixed, Resolved) or not (Won't Do, ...).
    closed_as_fixed      BOOLEAN,
    report_ids           TEXT[]      NOT NULL DEFAULT '{}',
    occurrences          INT         NOT NULL DEFAULT 1,
    last_session_id      TEXT,
    last_sequence        BIGINT,
    last_build_hash      TEXT,
    -- The build a passed regression verified the fix on; a later recurrence reopens only on it or a newer one.
    verified_session_id  TEXT,
    verified_sequence    BIGINT,
    verified_build_hash  TEXT,
    verified_run_id      TEXT,
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_occurrence_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    closed_at            TIMESTAMPTZ,
    reopened_at          TIMESTAMPTZ,
    UNIQUE (tenant_id, fingerprint, provider)
);
CREATE INDEX ticket_by_plugin ON ticket (tenant_id, plugin_id, created_at DESC);
CREATE INDEX ticket_by_tracker ON ticket (provider, tracker_key);

-- The durable work queue: one row per intent, written in the transaction that decided it. The idempotency key makes
-- a replayed decision (a redelivered event, a repeated alert) the same row; workers take rows by lease.
CREATE TABLE ticket_action (
    action_id        UUID        PRIMARY KEY,
    -- Order of intents: a ticket's actions are performed one at a time, oldest first (create before comment).
    seq              BIGSERIAL   NOT NULL,
    idempotency_key  TEXT        NOT NULL UNIQUE,
    tenant_id        TEXT        NOT NULL,
    ticket_id        UUID        REFERENCES ticket (ticket_id),
    kind             TEXT        NOT NULL CHECK (kind IN ('create', 'comment', 'close', 'reopen', 'notify', 'sync')),
    target           TEXT        NOT NULL,
    body             JSONB       NOT NULL DEFAULT '{}',
    status           TEXT        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
    attempts         INT         NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    lease_owner      TEXT,
    lease_expires_at TIMESTAMPTZ,
    last_error       TEXT,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    done_at          TIMESTAMPTZ
);
CREATE INDEX ticket_action_due ON ticket_action (next_attempt_at) WHERE status = 'pending';
CREATE INDEX ticket_action_of_ticket ON ticket_action (ticket_id, seq) WHERE status = 'pending';

-- Inbound tracker webhook deliveries already applied (X-GitHub-Delivery, X-Atlassian-Webhook-Identifier, ...).
CREATE TABLE webhook_delivery (
    provider     TEXT        NOT NULL,
    delivery_id  TEXT        NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, delivery_id)
);
