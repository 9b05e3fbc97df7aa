// A probe, not a sample: answers with the names of the environment variables the plugin can see, so tests can show
// that a sandbox sees exactly PATH, HOME, LANG, TZ and its manifest's env (plugin.json), and nothing of the
// orchestrator (database password, service token, keys) or of the harness (its PX_SANDBOX_* settings).
export const handlers = {
  async env() {
    return { names: Object.keys(process.env).sort(), greeting: process.env.PROBE_GREETING ?? null };
  },
};
