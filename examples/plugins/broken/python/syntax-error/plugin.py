"""Broken on purpose (syntax-error): plugin.py does not parse (a missing colon)."""

PLUGIN_META = {"name": "broken-syntax-error", "version": "0.0.1"}


async def register(app, context)
    return None
