"""A realistic small workspace for the summary tests, built through the Store API.

Canary strings are planted in ``persoonlijk`` and ``kring`` entries (and in action titles, evaluation
remarks and free tags): none of them may ever reach an organisation output.
"""

from __future__ import annotations

import datetime as dt

from leerkring.store.viewer import Viewer

CANARY_PERSONAL = "KANARIE-PERSOONLIJK-7Q"
CANARY_KRING = "KANARIE-KRING-3Z"
CANARY_ACTION = "KANARIE-ACTIE-9X"
CANARY_REMARK = "KANARIE-OPMERKING-4P"
CANARY_TAG = "kanarie-label-8w"
CANARIES = (CANARY_PERSONAL, CANARY_KRING, CANARY_ACTION, CANARY_REMARK, CANARY_TAG)
SHARED_TEXT = "Gedeelde les over samenwerken met de huisarts in de wijk"

KRINGEN = {
    "Wijkteam Noord": ["Anna Coach", "Bram Bakker", "Carla Smit", "Dirk Jansen", "Eva Mulder"],
    "Wijkteam Zuid": ["Fleur Coach", "Gert Visser", "Hanna de Wit"],
}
GUEST = "Ilse Vrijwilliger"
MANAGER = "Mariam Manager"


def populate(store, *, sessions_per_kring: int = 4, start: dt.date = dt.date(2026, 9, 7), release: bool = True) -> dict:
    """Fill ``store``; returns ids for assertions. With ``release`` the kringen's coaches release every
    text shared with the organisation (as ``leerkring release approve`` does), so it is published."""
    info = {"kringen": {}, "sessions": []}
    for k_index, (name, people) in enumerate(KRINGEN.items()):
        kring = store.add_kring(name, "Een wijkteam")
        info["kringen"][name] = kring
        store.add_member(kring.id, people[0], "coach")
        for person in people[1:]:
            store.add_member(kring.id, person, "member")
        store.add_member(kring.id, f"{GUEST} {k_index}", "guest")
        store.add_member(kring.id, MANAGER, "manager")
        actions = []
        for i in range(sessions_per_kring):
            day = start + dt.timedelta(days=14 * i + k_index)
            method = "teamreflectie" if i % 2 == 0 else "actieleren_terugblik"
            try:
                session = store.add_session(kring.id, day, method, f"Sessie {i + 1}")
            except Exception:
                session = store.add_session(kring.id, day, None, f"Sessie {i + 1}")
            info["sessions"].append(session.id)
            for j, person in enumerate(people):
                store.mark_present(session.id, person)
                store.add_entry(
                    session.id,
                    "ervaringen",
                    "ervaring",
                    f"Casus {i}-{j}: {CANARY_KRING} bij een gezin",
                    author=person,
                    tags=[CANARY_TAG],
                )
                store.add_entry(
                    session.id, "trialoog", ("kennis", "gevoel", "contact")[j % 3], f"Trialoog {i}-{j}", author=person
                )
            store.add_entry(
                session.id,
                "ervaringen",
                "inzicht",
                f"Persoonlijke notitie {CANARY_PERSONAL}",
                author=people[1],
                visibility="persoonlijk",
            )
            store.add_entry(
                session.id,
                "onzekerheid",
                "leervraag",
                f"Hoe gaan we om met zorgmijders? {CANARY_KRING}",
                author=people[2],
            )
            store.add_entry(
                session.id,
                "spanningen",
                "waarden",
                f"Spanning {CANARY_KRING}",
                author=people[1],
                tags=["veiligheid", "eigen_regie"],
            )
            store.add_entry(
                session.id, "spanningen", "perspectief", "Handhaven of helpen", author=people[2], tags=["vertrouwen"]
            )
            store.add_entry(
                session.id,
                "grenzen",
                "uitnodiging",
                "De huisarts uitnodigen",
                author=people[0],
                extra={"invitee_kind": "huisarts"},
            )
            store.add_entry(
                session.id,
                "inductief",
                "stille_kennis",
                "De buurvrouw weet wie hulp nodig heeft",
                author=people[1],
                extra={"source_role": "bewoner"},
            )
            if i == 0:
                store.mark_present(session.id, f"{GUEST} {k_index}")
                store.add_entry(
                    session.id, "ervaringen", "inzicht", SHARED_TEXT, author=people[0], visibility="organisatie"
                )
                store.add_entry(
                    session.id,
                    "actieleren",
                    "les",
                    f"Organisatieles: vroeg samenwerken ({name})",
                    author=people[1],
                    visibility="organisatie",
                    keep=True,
                )
                store.add_entry(
                    session.id, "actieleren", "les", f"Kringles {CANARY_KRING}", author=people[1], keep=True
                )
            actions.append(
                store.add_action(
                    session.id,
                    f"Actie {CANARY_ACTION} {i}",
                    owner=people[i % len(people)],
                    due=day + dt.timedelta(days=10),
                    author=people[0],
                )
            )
            for action in actions[:-1]:
                if action.status == "open" and store.action(
                    Viewer.kring_summary([action.kring_id]), action.id
                ).status in ("open", "continued"):
                    store.report_action(
                        action.id,
                        session.id,
                        effect=f"Effect {CANARY_KRING}",
                        status="done" if i % 2 else "continued",
                        author=people[0],
                    )
            if i == 1:
                signal = store.raise_signal(
                    session.id, "Registratiesysteem verbergt collectief werk", "Het systeem kent geen groepsactiviteit."
                )
                store.respond_signal(signal.id, MANAGER, "We nemen het mee naar de gemeente.")
            for score in range(3 + (i % 2)):
                store.add_evaluation(session.id, 3 + (score % 3), 4, f"Opmerking {CANARY_REMARK}")
            store.close_session(session.id)
    if release:  # the coaches release what was shared with the organisation (the release review)
        coaches = {kring.id: KRINGEN[name][0] for name, kring in info["kringen"].items()}
        for item in store.pending_releases():
            store.release(item.id, coaches[item.kring_id])
    return info
