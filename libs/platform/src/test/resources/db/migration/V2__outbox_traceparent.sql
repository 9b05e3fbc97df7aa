-- As every service that owns an outbox does in its own migrations: the relay's Kafka traceparent header.
ALTER TABLE px_outbox ADD COLUMN traceparent TEXT;
