"""leerkring's own command groups, registered through the ``cli_commands`` hook like any plugin's.

It runs first (``tryfirst``), so ``leerkring --help`` lists our commands before those of plugins.
"""

from __future__ import annotations

import importlib

from leerkring import hookimpl


@hookimpl(tryfirst=True)
def cli_commands(subparsers):
    from leerkring.cli import COMMAND_MODULES, OPTIONAL_MODULES

    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    for name in OPTIONAL_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.register(subparsers)
