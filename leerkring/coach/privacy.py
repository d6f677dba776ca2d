"""Tab 'Privacy': export what one person contributed, forget a person (two steps), retention."""

from __future__ import annotations

import json
import os

import ipywidgets as w

from leerkring.coach.base import OWNER_ONLY, Form, link, set_options
from leerkring.errors import LeerkringError
from leerkring.store.people import name_key, slugify
from leerkring.widgets.markup import esc, message


class PrivacyForm(Form):
    title = "Privacy"

    def __init__(self, ctx):
        super().__init__(ctx)
        self.person = w.Dropdown(description="Persoon", options=[])
        self.export_button = self.button("Exporteren (inzage)", self.export)
        self.sure = w.Checkbox(description="Ik weet het zeker: dit kan niet terug", indent=False)
        self.confirm = w.Text(description="Bevestig", placeholder="typ de volledige naam")
        self.forget_button = self.button("Vergeten", self.forget, "danger")
        self.dry_run_button = self.button("Bewaartermijn: wat zou weggaan?", self.retention_dry_run)
        self.apply_sure = w.Checkbox(description="Ik heb gekeken wat weggaat", indent=False)
        self.apply_button = self.button("Bewaartermijn toepassen", self.retention_apply, "danger")
        self.run(self.refresh)

    def refresh(self) -> None:
        if self.ctx.remote:  # export, forget and retention stay with the workspace's owner on a hub
            return
        set_options(self.person, [(name, name) for name in sorted(p.name for p in self.store.people())])

    def _chosen(self) -> str:
        if not self.person.value:
            raise LeerkringError("Kies eerst een persoon.")
        return self.person.value

    def export(self) -> None:
        self.need_workspace()
        data = self.store.export_person(self._chosen(), actor=self.ctx.me or "leercoach")
        folder = self.ws.path / "exports"
        folder.mkdir(mode=0o700, exist_ok=True)
        target = folder / f"{slugify(data['person']['name'])}.json"
        tmp = target.with_name(target.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        os.replace(tmp, target)
        count = len(data["entries"])
        self.say("ok", f"{count} {'bijdrage' if count == 1 else 'bijdragen'} van {data['person']['name']} geschreven.")
        self.output.value = link(self.ws, target, "Export openen")
        self.last_export = target

    def forget(self) -> None:
        self.need_workspace()
        name = self._chosen()
        if not self.sure.value or name_key(self.confirm.value) != name_key(name):
            raise LeerkringError(
                f"Niets gedaan: vink 'Ik weet het zeker' aan en typ de naam '{name}' om {name} te vergeten."
            )
        person = self.store.person(name)
        result = self.store.forget_person(person.id, actor=self.ctx.me or "leercoach")
        self.say(
            "ok",
            f"{person.name} is vergeten: {result['personal_entries_removed']} persoonlijke bijdragen verwijderd, "
            f"{result['entries_anonymised']} bijdragen anoniem gemaakt.",
        )
        self.sure.value, self.confirm.value = False, ""
        self.refresh()

    def _retention(self, dry_run: bool) -> None:
        self.need_workspace()
        months = self.ws.settings.retention_months
        result = self.store.apply_retention(months, dry_run=dry_run, actor=self.ctx.me or "leercoach")
        verb = "zou weggaan" if dry_run else "is verwijderd"
        self.say(
            "ok",
            f"Bewaartermijn {months} maanden (sessies van voor {result['cutoff']}): tekst {verb} van "
            f"{result['entries_total']} bijdragen, {result['evaluation_remarks']} opmerkingen bij evaluaties en "
            f"{result['action_effects']} effecten van acties. Lessen en tellingen blijven.",
        )
        rows = "".join(f"<li>{esc(k)}: {n}</li>" for k, n in sorted(result["entries"].items()))
        self.output.value = f"<ul>{rows}</ul>" if rows else ""

    def retention_dry_run(self) -> None:
        self._retention(True)

    def retention_apply(self) -> None:
        if not self.apply_sure.value:
            raise LeerkringError("Niets gedaan: bekijk eerst wat weggaat en vink 'Ik heb gekeken wat weggaat' aan.")
        self._retention(False)
        self.apply_sure.value = False

    def children(self) -> list:
        if self.ctx.remote:
            return [w.HTML(message("info", f"Inzage, vergeten en bewaartermijn: {OWNER_ONLY}"))]
        return [
            self.person,
            self.export_button,
            w.HTML("<b>Vergeten</b>: persoonlijke bijdragen weg, de rest anoniem. Vink aan en typ de naam."),
            self.sure,
            self.confirm,
            self.forget_button,
            w.HTML("<b>Bewaartermijn</b>"),
            self.dry_run_button,
            self.apply_sure,
            self.apply_button,
        ]
