"""Counter plugin, version 2 (CF CORE model): same counting, and every answer says which code produced it
({"count", "version"}). ``version`` comes from counterlib/store.py, so it is 2 only if the nested module was
re-imported too.
"""

from px_sandbox import BasePlugin

from counterlib.store import VERSION, CounterStore

PLUGIN_META = {
    "name": "counter",
    "version": "2.0.0",
    "summary": "Counts increments; keeps the count across reloads; reports its version",
    "features": ["increment", "get"],
}


def amount(payload):
    by = (payload or {}).get("by", 1)
    if isinstance(by, bool) or not isinstance(by, (int, float)):
        raise TypeError(f"payload['by'] must be a number, got {by!r}")
    return by


class CounterPlugin(BasePlugin):
    def __init__(self, app, context):
        super().__init__(app, context)
        self.store = CounterStore()

    async def setup_async(self, ctx):
        self.log.info("counter v%s ready (sequence %s, %s, count %s)", VERSION, ctx.sequence, ctx.reason,
                      self.store.value)

    async def on_reload_async(self, ctx):
        self.log.info("counter v%s took over from sequence %s with count %s", VERSION, ctx.previous_sequence,
                      self.store.value)

    async def teardown_async(self, ctx):
        self.log.info("counter v%s stopping (%s) at count %s", VERSION, ctx.reason, self.store.value)

    def get_reload_state(self):
        return {"count": self.store.value}

    def set_reload_state(self, state):
        self.store.value = (state or {}).get("count", 0)

    async def handle_increment(self, payload, ctx):
        return {"count": self.store.add(amount(payload)), "version": VERSION}

    async def handle_get(self, payload, ctx):
        return {"count": self.store.value, "version": VERSION}


async def register(app, context):
    return CounterPlugin(app, context)
