"""leerkring: a learning infrastructure for Dutch neighbourhood teams inside Jupyter.

The public library API is imported lazily so that the command line starts fast:

    from leerkring import Workspace
    ws = Workspace.open("path/to/workspace")
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["Workspace", "Store", "Viewer", "LeerkringError", "__version__"]


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
