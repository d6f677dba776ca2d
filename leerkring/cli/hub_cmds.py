"""leerkring hub config: the JupyterHub configuration the leerkring service needs (hub mode)."""

from __future__ import annotations

import argparse


def register(sub) -> None:
    hub = sub.add_parser("hub", help="leerkring op JupyterHub: de configuratie voor de hub")
    h = hub.add_subparsers(dest="hub_command", metavar="ACTIE", required=True)
    cfg = h.add_parser(
        "config",
        help="druk de JupyterHub-configuratie af (service, rol, scopes, omgeving van de servers)",
        description="Drukt de regels voor jupyterhub_config.py af: de leerkring-service als hub-service, een rol "
        "met toegang tot die service voor de gekoppelde hub-gebruikers en de groep 'leerkring', de scope voor "
        "de servers van de leden en LEERKRING_SERVICE_URL. Geen kernel krijgt een database-adres.",
    )
    # SUPPRESS: without the option, the global --workspace (or the current folder) stays in force
    cfg.add_argument("--workspace", "-w", default=argparse.SUPPRESS, metavar="MAP", help="de werkruimte")
    cfg.add_argument("--port", type=int, default=None, help="poort van de service op 127.0.0.1 (standaard 10101)")
    cfg.add_argument(
        "--service-url",
        default=None,
        metavar="URL",
        help="waar de servers van de leden de service bereiken (standaard rechtstreeks op 127.0.0.1)",
    )
    cfg.add_argument("--python", default=None, metavar="PAD", help="de Python die de service draait")
    cfg.add_argument("--json", action="store_true", help="als JSON in plaats van Python-regels")
    cfg.set_defaults(handler=run_config)


def run_config(args) -> int:
    import json
    import os

    from leerkring import config
    from leerkring.cli import open_workspace
    from leerkring.errors import UsageError
    from leerkring.service import hubconfig

    if args.port is not None and not 0 < args.port < 65536:
        raise UsageError(f"--port moet tussen 1 en 65535 liggen, niet {args.port}.")
    with open_workspace(args) as ws:
        users = [p.username for p in ws.store.people() if p.username]
        explicit_url = os.environ.get(config.DATABASE_ENV) or ws.settings.database_url
        data = hubconfig.hub_config(
            ws.path,
            users=users,
            database_url=explicit_url,
            port=args.port or hubconfig.DEFAULT_PORT,
            python=args.python,
            service_url=args.service_url,
        )
        if args.json:
            print(json.dumps(data, indent=2, ensure_ascii=False))
        else:
            print(hubconfig.render(data, workspace=ws.path), end="")
    return 0
