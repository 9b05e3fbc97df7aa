-- A stand-in for a service's own state, changed in the same transaction as its outbox rows.
CREATE TABLE platform_test_counter (
    name  TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
