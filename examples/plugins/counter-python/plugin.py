"""Counter plugin, version 1 (CF CORE model): PLUGIN_META + async register(app, context) -> CounterPlugin.

Handlers: ``increment`` adds payload["by"] (default 1) and returns {"count"}; ``get`` returns {"count"}.
The count survives reloads through get_reload_state / set_reload_state.
"""

from px_sandbox import BasePlugin

from counterlib.store import CounterStore

PLUGIN_META = {
    "name": "counter",
    "version": "1.0.0",
    "summary": "Counts increments; keeps the count across reloads",
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
        self.log.info("counter v1 ready (sequence %s, %s, count %s)", ctx.sequence, ctx.reason, self.store.value)

    async def on_reload_async(self, ctx):
        self.log.info("counter v1 took over from sequence %s with count %s", ctx.previous_sequence,
                      self.store.value)

    async def teardown_async(self, ctx):
        self.log.info("counter v1 stopping (%s) at count %s", ctx.reason, self.store.value)

    def get_reload_state(self):
        return {"count": self.store.value}

    def set_reload_state(self, state):
        self.store.value = (state or {}).get("count", 0)

    async def handle_increment(self, payload, ctx):
        return {"count": self.store.add(amount(payload))}

    async def handle_get(self, payload, ctx):
        return {"count": self.store.value}


async def register(app, context):
    return CounterPlugin(app, context)
