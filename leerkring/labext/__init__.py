"""The member's way in: a Jupyter server extension under ``<base_url>leerkring/``.

Enabled by installing the package (``jupyter-config/jupyter_server_config.d/leerkring.json``, installed
into ``etc/jupyter/jupyter_server_config.d/``) or by ``jupyter server extension enable leerkring.labext``.
It lists the member's open and recent sessions from the leerkring service and writes a session
notebook, as the service holds it, into the member's own home (``~/leerkring/<kring>/<file>.ipynb``),
so no file system is shared between accounts. See :mod:`leerkring.labext.handlers`. The launcher's
"Leerkring" card (jupyter-app-launcher, ``launcher/jp_app_launcher_leerkring.yaml``) opens its page.
"""

from __future__ import annotations

import os
from pathlib import Path


def _jupyter_server_extension_points() -> list[dict]:
    return [{"module": "leerkring.labext"}]


#: The launcher card's configuration (jupyter-app-launcher reads ``jp_app_launcher*.yaml`` there).
LAUNCHER_DIR = Path(__file__).with_name("launcher")
BASE_URL_ENV = "LEERKRING_LAB_BASE_URL"  # the card's URL: ${LEERKRING_LAB_BASE_URL}leerkring/


def _load_jupyter_server_extension(serverapp) -> None:
    from leerkring.labext.handlers import setup_handlers

    setup_handlers(serverapp)
    # jupyter-app-launcher reads its cards at the first request, so setting this now is in time; an
    # admin's own JUPYTER_APP_LAUNCHER_PATH wins (then copy launcher/*.yaml into that folder)
    os.environ[BASE_URL_ENV] = serverapp.web_app.settings["base_url"]
    os.environ.setdefault("JUPYTER_APP_LAUNCHER_PATH", str(LAUNCHER_DIR))
