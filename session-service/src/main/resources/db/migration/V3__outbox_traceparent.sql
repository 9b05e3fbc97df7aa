-- The W3C trace context of each outbox event (also inside its payload as the CloudEvent attribute), kept apart so the
-- relay sets the Kafka traceparent header without decoding the event (docs/tracing.md).
ALTER TABLE px_outbox ADD COLUMN traceparent TEXT;
