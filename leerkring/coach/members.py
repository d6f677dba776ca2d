"""Tab 'Leden': the kring's members, add someone with a role, link a hub account."""

from __future__ import annotations

import ipywidgets as w

from leerkring.coach.base import ROLE_LABELS, Form
from leerkring.widgets.markup import esc


class MembersForm(Form):
    title = "Leden"

    def __init__(self, ctx):
        super().__init__(ctx)
        self.kring = w.Dropdown(description="Kring", options=ctx.kring_options())
        self.name = w.Text(description="Naam", placeholder="voornaam achternaam")
        self.role = w.Dropdown(
            description="Rol", options=[(label, code) for code, label in ROLE_LABELS.items()], value="member"
        )
        self.account = w.Text(description="Account", placeholder="JupyterHub-account (mag leeg)")
        self.add_button = self.button("Toevoegen", self.add, "primary")
        self.link_button = self.button("Koppel account", self.link)
        self.role_button = self.button("Rol wijzigen", self.change_role)
        self.members = w.HTML()
        self.kring.observe(lambda _c: self.run(self.refresh), names="value")
        self.run(self.refresh)

    def refresh(self) -> None:
        if self.kring.value is None:
            self.members.value = "<i>Er is nog geen kring.</i>"
            return
        rows = "".join(
            f"<tr><td>{esc(m.name)}</td><td>{esc(ROLE_LABELS.get(m.role, m.role))}</td><td>{esc(m.username or '')}</td></tr>"
            for m in self.store.members(self.kring.value)
        )
        self.members.value = (
            f"<table><tr><th>naam</th><th>rol</th><th>account</th></tr>{rows}</table>"
            if rows
            else "<i>Deze kring heeft nog geen leden.</i>"
        )

    def add(self) -> None:
        member = self.store.add_member(
            self.kring.value, self.name.value, self.role.value, self.account.value.strip() or None
        )
        kring = self.store.kring(member.kring_id)
        linked = f" (account '{member.username}')" if member.username else ""
        self.say("ok", f"{member.name} is nu {ROLE_LABELS[member.role]} in kring '{kring.name}'{linked}.")
        self.name.value = self.account.value = ""
        self.refresh()
        self.ctx.refresh_people()

    def change_role(self) -> None:
        member = self.store.set_role(self.kring.value, self.name.value, self.role.value)
        self.say("ok", f"{member.name} is nu {ROLE_LABELS.get(member.role, member.role)}.")
        self.refresh()
        self.ctx.refresh_people()

    def link(self) -> None:
        person = self.store.link_account(self.name.value, self.account.value.strip())
        self.say("ok", f"{person.name} is nu gekoppeld aan account '{person.username}'.")
        self.refresh()

    def children(self) -> list:
        return [
            self.kring,
            self.members,
            w.HTML("<b>Iemand toevoegen, een rol wijzigen of een account koppelen</b>"),
            self.name,
            self.role,
            self.account,
            w.HBox([self.add_button, self.role_button, self.link_button]),
        ]
