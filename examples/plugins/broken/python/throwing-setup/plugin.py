"""Broken on purpose (throwing-setup): setup_async throws; BasePlugin.on_reload_async runs setup_async, so a
reload fails in the onReload step."""

from px_sandbox import BasePlugin

PLUGIN_META = {"name": "broken-throwing-setup", "version": "0.0.1"}


class Plugin(BasePlugin):
    def __init__(self, app, context):
        super().__init__(app, context)
        self.count = 0

    def get_reload_state(self):
        return {"count": self.count}

    def set_reload_state(self, state):
        self.count = state.get("count", 0)

    async def handle_increment(self, payload, ctx):
        self.count += (payload or {}).get("by", 1)
        return {"count": self.count}

    async def handle_get(self, payload, ctx):
        return {"count": self.count}


class Broken(Plugin):
    async def setup_async(self, ctx):
        raise RuntimeError("setup_async failed on purpose")


async def register(app, context):
    return Broken(app, context)
