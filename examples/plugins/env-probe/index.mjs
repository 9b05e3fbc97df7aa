// A probe, not a sample: answers with the names of the environment variables the plugin can see, so tests can show
// that a sandbox inherits none of the orchestrator's secrets (database password, service token, keys).
export const handlers = {
  async env() {
    return { names: Object.keys(process.env).sort() };
  },
};
