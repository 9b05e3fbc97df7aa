"""Plugin-facing API of the PowerX Dev Hotload python sandbox (the CF CORE plugin model).

A plugin's entry module (default ``plugin.py``) defines ``PLUGIN_META`` (a dict) and
``async def register(app, context)`` returning a plugin object, usually a ``BasePlugin`` subclass::

    from px_sandbox import BasePlugin

    PLUGIN_META = {"name": "counter", "version": "1.0.0"}

    class CounterPlugin(BasePlugin):
        async def handle_increment(self, payload, ctx):
            ...

    async def register(app, context):
        return CounterPlugin(app, context)

Handlers are methods named ``handle_<name>``, entries of a ``handlers`` dict on the plugin object, or
functions registered with ``app.add_handler(name, fn)``. Every hook and handler may be sync or async and may
leave out the ``ctx`` parameter.
"""

import logging

__all__ = ["BasePlugin", "PluginApp", "PluginContext"]


class PluginContext:
    """What hooks and handlers receive as ``ctx``: the session, the running version, a logger.

    ``reason`` says why a hook runs: ``load``, ``restore`` (first load with a saved state), ``reload``,
    ``rollback`` (this version is being put back after a failed reload) or ``shutdown``.
    Attributes can also be read dict-style (``ctx["session_id"]``).
    """

    __slots__ = ("session_id", "sequence", "reason", "previous_sequence", "next_sequence", "handler", "log")

    def __init__(self, session_id, sequence, log, reason=None, previous_sequence=None, next_sequence=None,
                 handler=None):
        self.session_id = session_id
        self.sequence = sequence
        self.log = log
        self.reason = reason
        self.previous_sequence = previous_sequence
        self.next_sequence = next_sequence
        self.handler = handler

    def __getitem__(self, key):
        try:
            return getattr(self, key)
        except AttributeError:
            raise KeyError(key) from None

    def get(self, key, default=None):
        return getattr(self, key, default)

    def __repr__(self):
        return (f"PluginContext(session_id={self.session_id!r}, sequence={self.sequence!r}, "
                f"reason={self.reason!r}, handler={self.handler!r})")


class PluginApp:
    """The ``app`` passed to ``register(app, context)``: one per loaded version."""

    runtime = "python"

    def __init__(self, session_id, sequence, log):
        self.session_id = session_id
        self.sequence = sequence
        self.log = log
        self.handlers = {}

    def add_handler(self, name, fn):
        """Registers ``fn(payload, ctx)`` (sync or async) as handler ``name``."""
        if not isinstance(name, str) or not name:
            raise ValueError("handler name must be a non-empty string")
        if not callable(fn):
            raise TypeError(f"handler {name!r} must be callable")
        self.handlers[name] = fn
        return fn

    def handler(self, name):
        """Decorator form of ``add_handler``."""
        def decorate(fn):
            return self.add_handler(name, fn)
        return decorate


class BasePlugin:
    """No-op defaults for every hook. ``on_reload_async`` runs ``setup_async`` by default, so a plugin that
    only initialises in ``setup_async`` is initialised after a reload too."""

    def __init__(self, app=None, context=None):
        self.app = app
        self.context = context if context is not None else {}
        self.log = getattr(app, "log", None) or logging.getLogger("plugin")

    async def setup_async(self, ctx):
        return None

    async def teardown_async(self, ctx):
        return None

    def get_reload_state(self):
        return None

    def set_reload_state(self, state):
        return None

    async def on_reload_async(self, ctx):
        return await self.setup_async(ctx)
