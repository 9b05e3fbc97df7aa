"""A probe, not a sample: answers with the names of the environment variables the plugin can see, so tests can show
that a sandbox sees exactly PATH, HOME, LANG, TZ and its manifest's env (plugin.json), and nothing of the
orchestrator (database password, service token, keys) or of the harness (its PX_SANDBOX_* settings)."""

import os

PLUGIN_META = {"name": "env-probe-python", "version": "1.0.0"}


class EnvProbe:
    async def handle_env(self, payload, ctx):
        return {"names": sorted(os.environ), "greeting": os.environ.get("PROBE_GREETING")}


async def register(app, context):
    return EnvProbe()
