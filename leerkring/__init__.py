"""leerkring: a learning infrastructure for Dutch neighbourhood teams inside Jupyter.

The public library API is imported lazily so that the command line starts fast:

    from leerkring import Workspace
    ws = Workspace.open("path/to/workspace")
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["Workspace", "Store", "Viewer", "LeerkringError", "hookimpl", "__version__"]


def hookimpl(
    function=None,
    *,
    tryfirst: bool = False,
    trylast: bool = False,
    wrapper: bool = False,
    hookwrapper: bool = False,
    optionalhook: bool = False,
    specname: str | None = None,
):
    """Mark a function as a leerkring hook implementation (see :mod:`leerkring.hookspecs`).

    It sets exactly what ``pluggy.HookimplMarker("leerkring")`` sets (a test checks this), without
    importing pluggy: leerkring's own plugins are plain modules that the command line can call
    directly when no outside plugin is installed.
    """

    def mark(func):
        func.leerkring_impl = {
            "wrapper": wrapper,
            "hookwrapper": hookwrapper,
            "optionalhook": optionalhook,
            "tryfirst": tryfirst,
            "trylast": trylast,
            "specname": specname,
        }
        return func

    return mark if function is None else mark(function)


def __getattr__(name: str):
    if name == "Workspace":
        from leerkring.workspace import Workspace

        return Workspace
    if name == "Store":
        from leerkring.store import Store

        return Store
    if name == "Viewer":
        from leerkring.store.viewer import Viewer

        return Viewer
    if name == "LeerkringError":
        from leerkring.errors import LeerkringError

        return LeerkringError
    raise AttributeError(f"module 'leerkring' has no attribute {name!r}")
