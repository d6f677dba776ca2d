"""The plugin manager: leerkring's own default plugins plus those installed under the ``leerkring``
entry-point group (see :mod:`leerkring.hookspecs` and ``docs/plugins.md``).

Nothing is loaded on import. When no outside plugin is installed (the usual case) and none was
registered at run time, a hook is answered by calling leerkring's own plugin modules directly, in
their fixed order: the command line then starts without importing pluggy or ``importlib.metadata``
(together about 20 ms, half of ``leerkring --help``). As soon as an outside plugin exists, the real
:class:`pluggy.PluginManager` answers, with the same results for our own plugins. A broken outside
plugin is logged and left out instead of breaking the command line or a member's notebook.
"""

from __future__ import annotations

import importlib
import os
import sys
import threading
from collections.abc import Iterable, Mapping

#: leerkring's own behaviour, registered through the same hooks as any outside plugin: each module with
#: the hooks it implements. The fast path (no outside plugin) imports only the modules that implement the
#: hook being called, so ``leerkring --help`` loads no privacy or sections code and a member's kernel no
#: command line; a test holds these names equal to the modules' ``@hookimpl`` functions.
DEFAULT_PLUGINS: dict[str, tuple[str, ...]] = {
    "leerkring.privacy.plugin": ("pii_detectors", "pii_types", "keep_words"),
    "leerkring.widgets.plugin": ("field_widgets", "form_roles"),
    "leerkring.sections.plugin": ("summary_sections", "dashboard_sections"),
    "leerkring.identity.plugin": ("identity_providers",),
    "leerkring.cli.plugin": ("cli_commands",),
}
ENTRY_POINT_GROUP = "leerkring"

_manager = None
_lock = threading.Lock()
_generation = 0  # bumped when plugins change at run time, so merged registries are made again
_installed: bool | None = None  # whether any distribution declares a 'leerkring' entry point


def installed_plugins_exist() -> bool:
    """True when an installed distribution declares an entry point in the ``leerkring`` group.

    Reads the ``entry_points.txt`` files on ``sys.path`` directly (a few hundred ``open`` calls,
    about 1 ms) instead of importing ``importlib.metadata`` just to find nothing.
    """
    global _installed
    if _installed is None:
        _installed = _scan_entry_points()
    return _installed


def _scan_entry_points() -> bool:
    marker = f"[{ENTRY_POINT_GROUP}]"
    for base in sys.path:
        try:
            names = os.listdir(base or ".")
        except OSError:
            continue
        for name in names:
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            try:
                with open(os.path.join(base, name, "entry_points.txt"), encoding="utf-8") as fh:
                    if marker in fh.read():
                        return True
            except OSError:
                continue
    return False


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

    pm = pluggy.PluginManager(ENTRY_POINT_GROUP)
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
            import logging

            logging.getLogger(__name__).exception(
                "leerkring plugin %r (%s) could not be loaded; it is left out", ep.name, ep.value
            )
            continue
        pm.register(plugin, name=ep.name)


def register(plugin: object, name: str | None = None) -> str:
    """Register a plugin object (a module or an instance with ``@hookimpl`` methods) at run time."""
    global _generation
    registered = manager().register(plugin, name=name)
    _generation += 1
    return registered


def unregister(name: str) -> None:
    """Remove a plugin registered under ``name``."""
    global _generation
    manager().unregister(name=name)
    _generation += 1


def generation() -> int:
    """A number that changes whenever a plugin is registered or removed at run time."""
    return _generation


def hook():
    """pluggy's hook relay (loads the manager): ``plugins.hook().cli_commands(subparsers=...)``."""
    return manager().hook


def call(name: str, **kwargs) -> list:
    """Every plugin's answer to hook ``name``, leerkring's own first, ``None`` answers left out."""
    if _manager is None and not installed_plugins_exist():
        return _call_defaults(name, kwargs)
    # pluggy calls the last registered plugin first; we want leerkring's defaults first.
    return list(reversed(getattr(manager().hook, name)(**kwargs)))


def _call_defaults(name: str, kwargs: dict) -> list:
    impls = []
    for module_name, hooks in DEFAULT_PLUGINS.items():
        if name not in hooks:
            continue
        impl = getattr(importlib.import_module(module_name), name, None)
        opts = getattr(impl, "leerkring_impl", None)
        if opts is not None:
            impls.append((opts.get("tryfirst", False), len(impls), impl))
    # pluggy's order among our own plugins: tryfirst ones first, then registration order
    impls.sort(key=lambda item: (not item[0], item[1]))
    results = []
    for _, _, impl in impls:
        answer = impl(**kwargs)
        if answer is not None:
            results.append(answer)
    return results


def mapping(name: str, **kwargs) -> dict[str, object]:
    """The answers of every plugin to a mapping hook, merged; a later plugin overrides a default."""
    merged: dict[str, object] = {}
    for answer in call(name, **kwargs):
        if isinstance(answer, Mapping):
            merged.update(answer)
    return merged


def sequence(name: str, **kwargs) -> list:
    """The answers of every plugin to a sequence hook, concatenated, leerkring's own first."""
    merged: list = []
    for answer in call(name, **kwargs):
        if isinstance(answer, Iterable) and not isinstance(answer, (str, bytes, Mapping)):
            merged.extend(answer)
    return merged
