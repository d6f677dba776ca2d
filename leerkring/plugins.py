"""The plugin manager: leerkring's own default plugins plus those installed under the ``leerkring``
entry-point group (see :mod:`leerkring.hookspecs` and ``docs/plugins.md``).

The manager is made on first use, so importing this module costs nothing. Entry points are read once
per process; a broken outside plugin is logged and left out instead of breaking the command line or
a member's notebook.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Iterable, Mapping
from typing import Any

log = logging.getLogger(__name__)

#: leerkring's own behaviour, registered through the same hooks as any outside plugin.
DEFAULT_PLUGINS: tuple[str, ...] = (
    "leerkring.privacy.plugin",
    "leerkring.widgets.plugin",
    "leerkring.sections.plugin",
    "leerkring.identity",
    "leerkring.cli.plugin",
)
ENTRY_POINT_GROUP = "leerkring"

_manager = None
_lock = threading.Lock()


def manager():
    """The process's :class:`pluggy.PluginManager`, with defaults and installed plugins registered."""
    global _manager
    if _manager is None:
        with _lock:
            if _manager is None:
                _manager = _make_manager()
    return _manager


def _make_manager():
    import pluggy

    from leerkring import hookspecs

    pm = pluggy.PluginManager("leerkring")
    pm.add_hookspecs(hookspecs)
    for name in DEFAULT_PLUGINS:
        pm.register(importlib.import_module(name), name=name)
    _load_entry_points(pm)
    return pm


def _load_entry_points(pm) -> None:
    from importlib.metadata import entry_points

    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if pm.get_plugin(ep.name) is not None or pm.is_blocked(ep.name):
            continue
        try:
            plugin = ep.load()
        except Exception:  # one broken plugin must not take the product down with it
            log.exception("leerkring plugin %r (%s) could not be loaded; it is left out", ep.name, ep.value)
            continue
        pm.register(plugin, name=ep.name)


def register(plugin: Any, name: str | None = None) -> str:
    """Register a plugin object (a module or an instance with ``@hookimpl`` methods) at run time."""
    return manager().register(plugin, name=name)


def unregister(name: str) -> None:
    """Remove a plugin registered under ``name``."""
    manager().unregister(name=name)


def hook():
    """The hook relay: ``plugins.hook().cli_commands(subparsers=...)``."""
    return manager().hook


def _results(name: str, **kwargs) -> list:
    # pluggy calls the last registered plugin first; we want leerkring's defaults first.
    return list(reversed(getattr(manager().hook, name)(**kwargs)))


def mapping(name: str, **kwargs) -> dict[str, Any]:
    """The answers of every plugin to a mapping hook, merged; a later plugin overrides a default."""
    merged: dict[str, Any] = {}
    for answer in _results(name, **kwargs):
        if isinstance(answer, Mapping):
            merged.update(answer)
    return merged


def sequence(name: str, **kwargs) -> list:
    """The answers of every plugin to a sequence hook, concatenated, leerkring's own first."""
    merged: list = []
    for answer in _results(name, **kwargs):
        if isinstance(answer, Iterable) and not isinstance(answer, (str, bytes, Mapping)):
            merged.extend(answer)
    return merged
