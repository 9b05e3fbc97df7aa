"""Broken on purpose (crash): a working counter with misbehaving handlers: crash (os._exit(3)), boom (raises),
sleep (never finishes), spin (blocks the thread)."""

import asyncio
import os

from px_sandbox import BasePlugin

PLUGIN_META = {"name": "broken-crash", "version": "0.0.1"}


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
    async def handle_crash(self, payload, ctx):
        os._exit(3)

    async def handle_boom(self, payload, ctx):
        raise RuntimeError("boom: %s" % (payload or {}).get("reason", "on purpose"))

    async def handle_sleep(self, payload, ctx):
        await asyncio.Event().wait()

    def handle_spin(self, payload, ctx):
        while True:
            pass


async def register(app, context):
    return Broken(app, context)
