-- What an orchestrator needs to bring its sandboxes back after it was restarted (or killed): which instance ran
-- each sandbox, and the plugin's last saved state (getReloadState), taken after every load, reload and invoke.
ALTER TABLE sandbox ADD COLUMN instance_id TEXT;
ALTER TABLE sandbox ADD COLUMN saved_state JSONB;
ALTER TABLE sandbox ADD COLUMN saved_state_at TIMESTAMPTZ;
CREATE INDEX sandbox_live_by_instance ON sandbox (instance_id) WHERE state NOT IN ('stopped');
