"""The management dashboard: a Voilà page over the organisation summaries, and nothing else.

Library API (the CLI ``leerkring dashboard`` is a thin layer over it)::

    from leerkring.dashboard import serve, start
    serve(workspace, port=8866, host="127.0.0.1")          # blocks until Ctrl-C
    with start(workspace, port=0) as server:                # background, for tests and scripts
        print(server.url)
"""

from __future__ import annotations

__all__ = ["DATA_ENV", "DEFAULT_HOST", "DEFAULT_PORT", "DashboardServer", "notebook_path", "serve", "stage", "start"]


def __getattr__(name: str):
    # lazy, so the kernel (which imports leerkring.dashboard.app) does not load the launcher
    if name in __all__:
        from leerkring.dashboard import launcher

        return getattr(launcher, name)
    raise AttributeError(name)
