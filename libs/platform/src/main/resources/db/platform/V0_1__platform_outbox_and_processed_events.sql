-- Shared by every service that owns a PostgreSQL database (libs/platform).

-- Events written in the same transaction as the state change they describe; the relay publishes and deletes them.
CREATE TABLE px_outbox (
    id            BIGSERIAL PRIMARY KEY,
    event_id      UUID        NOT NULL UNIQUE,
    topic         TEXT        NOT NULL,
    partition_key TEXT        NOT NULL,
    event_type    TEXT        NOT NULL,
    payload       BYTEA       NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Event ids already applied by a consumer, written in the same transaction as the effect.
CREATE TABLE px_processed_event (
    consumer     TEXT        NOT NULL,
    event_id     TEXT        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
CREATE INDEX px_processed_event_age ON px_processed_event (processed_at);
