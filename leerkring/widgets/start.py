"""The top of a session notebook: which session this is, who is typing, and the shared auto-refresh."""

from __future__ import annotations

import asyncio
import logging

from leerkring.widgets.base import FormBox, shared_layout, w
from leerkring.widgets.markup import message, messages, session_header

log = logging.getLogger(__name__)

AUTO_REFRESH_SECONDS = 30


class StartPanel:
    """The session header and 'who are you' (unless JupyterHub tells us), with the auto-refresh switch."""

    shows_identity = True

    def __init__(self, ctx, key: str | None = None):
        self.ctx = ctx
        ctx.forms.append(self)
        method = ctx.ws.store.frameworks.method(ctx.session.method).name
        head = session_header(ctx.session, ctx.kring, method) + messages(
            *[("error", p) for p in ctx.problems], *[("warning", p) for p in ctx.warnings]
        )
        self.auto_refresh = w.Checkbox(
            value=False, indent=False, description=f"bijdragen van anderen elke {AUTO_REFRESH_SECONDS} s verversen"
        )
        self.auto_refresh.observe(self._toggle_auto, "value")
        self._task = None
        if ctx.identity_fixed:
            head += message("info", f"Je werkt als {ctx.identity.name}.")
            parts = [w.HTML(head), self.auto_refresh]
        else:
            head += message(
                "info",
                "Kies je naam; dat hoeft maar één keer. Anoniem bijdragen kan altijd met het "
                "vinkje 'anoniem' bij een formulier.",
            )
            parts = [w.HTML(head), ctx.identity_widget(), self.auto_refresh]
        self.box = FormBox(parts, label="sessie en deelnemer", layout=shared_layout())

    def refresh(self, fresh: bool = True) -> None:  # nothing of its own to re-read
        pass

    def _toggle_auto(self, change) -> None:
        if change["new"]:
            try:
                self._task = asyncio.ensure_future(self._auto())
            except RuntimeError:  # no running event loop (outside a kernel): the switch goes back off
                log.info("auto-refresh needs a running event loop (a kernel); switched off")
                self.auto_refresh.value = False
        elif self._task is not None:
            self._task.cancel()
            self._task = None

    async def _auto(self) -> None:
        while True:
            await asyncio.sleep(AUTO_REFRESH_SECONDS)
            self.ctx.refresh_all()
