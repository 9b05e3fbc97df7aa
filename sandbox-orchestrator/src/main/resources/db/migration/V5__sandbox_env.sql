-- The manifest's env map from the registration (CONTRACT.md §4), kept so that a restart or an adopting replica
-- gives the plugin the same environment.
ALTER TABLE sandbox ADD COLUMN env JSONB;
