"""Broken on purpose (noisy): a handler that logs payload['lines'] lines (default 100) as fast as it can."""

import logging

from px_sandbox import BasePlugin

PLUGIN_META = {"name": "broken-noisy", "version": "0.0.1"}

log = logging.getLogger("noisy")


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
    async def handle_noisy(self, payload, ctx):
        lines = (payload or {}).get("lines", 100)
        for i in range(lines):
            log.info("noisy line %d of %d", i, lines)
        ctx.log.warning("noisy wrote %d lines", lines)
        return {"lines": lines}


async def register(app, context):
    return Broken(app, context)
