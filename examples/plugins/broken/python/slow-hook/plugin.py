"""Broken on purpose (slow-hook): on_reload_async awaits something that never happens (the version's loop
stays responsive)."""

import asyncio

from px_sandbox import BasePlugin

PLUGIN_META = {"name": "broken-slow-hook", "version": "0.0.1"}


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
    async def on_reload_async(self, ctx):
        await asyncio.Event().wait()


async def register(app, context):
    return Broken(app, context)
