"""Broken on purpose (never-loads): plugin.py spins forever at import time (the harness gives up after the
hook timeout and interrupts the thread)."""

from px_sandbox import BasePlugin

PLUGIN_META = {"name": "broken-never-loads", "version": "0.0.1"}

while True:
    pass


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


async def register(app, context):
    return Plugin(app, context)
