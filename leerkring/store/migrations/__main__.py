"""Alembic's command line on leerkring's migrations, without an ``alembic.ini`` (for developers).

    python -m leerkring.store.migrations -x url=sqlite:////tmp/ws/.leerkring/leerkring.db current
    python -m leerkring.store.migrations -x url=... revision --autogenerate -m "person hub_user"

A new revision gets the next schema version as its id unless ``--rev-id`` is given.
"""

from __future__ import annotations

from alembic.config import CommandLine

from leerkring.store import migrations


def main(argv: list[str] | None = None) -> None:
    cli = CommandLine(prog="python -m leerkring.store.migrations")
    options = cli.parser.parse_args(argv)
    if not hasattr(options, "cmd"):
        cli.parser.error("too few arguments")
    cfg = migrations.config()
    cfg.cmd_opts = options
    if options.cmd[0].__name__ == "revision" and not getattr(options, "rev_id", None):
        options.rev_id = migrations.next_revision_id()
    cli.run_cmd(cfg, options)


if __name__ == "__main__":
    main()
