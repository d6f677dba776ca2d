"""The HTML of the live session: the room panel at the top, the phase line in every form, the cases.

Strings in, strings out, like :mod:`leerkring.widgets.markup` (whose :func:`esc` every user text goes
through): a :class:`~leerkring.store.records.Room` and the seconds left, read duck-typed.
"""

from __future__ import annotations

from leerkring.widgets.markup import esc, message

CLOSED = "Deze fase is gesloten: hier kan niets meer bij."
STATE_WORDS = {"waiting": "nog niet begonnen", "paused": "gepauzeerd", "finished": "afgerond"}


def clock(seconds: int | None) -> str:
    """'nog 7:05' or '2:10 over tijd' (empty without a clock)."""
    if seconds is None:
        return ""
    over = seconds < 0
    minutes, secs = divmod(abs(int(seconds)), 60)
    text = f"{minutes}:{secs:02d}"
    return f"{text} over tijd" if over else f"nog {text}"


def minutes_left(seconds: int | None) -> str:
    """'nog 8 min' or '3 min over tijd' (a phase line changes once a minute, not every second)."""
    if seconds is None:
        return ""
    if seconds < 0:
        return f"{(-seconds + 59) // 60} min over tijd"
    return f"nog {(seconds + 59) // 60} min"


def is_locked(room, principles) -> bool:
    """True when every principle of a form is in a closed phase."""
    principles = tuple(principles or ())
    return bool(room is not None and principles and set(principles) <= set(room.locked or ()))


def _phase_label(room) -> str:
    total = len(room.phases or ())
    if room.phase is None or not room.phase_name:
        return ""
    return f"Fase {room.phase + 1} van {total}: {room.phase_name}"


def turn(room) -> str:
    """'Aan de beurt: Mila Lid (2 van 4)' during a round, else ''."""
    names = tuple(room.round_names or ()) if room is not None else ()
    if room is None or room.round_turn is None or not names:
        return ""
    index = room.round_turn
    if not 0 <= index < len(names):
        return ""
    after = f"; daarna {names[index + 1]}" if index + 1 < len(names) else "; dit is de laatste beurt"
    return f"Aan de beurt: {names[index]} ({index + 1} van {len(names)}){after}"


def phase_line(room, seconds: int | None, locked: bool) -> str:
    """The compact line at the top of a form: the phase, its time or state, whose turn; closed or not."""
    if room is None or (room.state == "waiting" and not locked):
        return ""
    bits = []
    label = _phase_label(room)
    if label:
        bits.append(label)
    if room.state == "running":
        bits.append(minutes_left(seconds))
    elif room.state in STATE_WORDS:
        bits.append("sessie " + STATE_WORDS[room.state] if room.state == "finished" else STATE_WORDS[room.state])
    who = turn(room)
    if who:
        bits.append(who)
    line = f'<div style="color:#1f5fa8;margin:2px 0">{esc(" · ".join(b for b in bits if b))}</div>'
    if locked:
        line += message("error", CLOSED)
    return line


def phases_list(room) -> str:
    """Every phase with its minutes: the ones done struck through, the current one bold."""
    items = []
    for index, phase in enumerate(room.phases or ()):
        key, name, minutes = phase[0], phase[1], phase[2]
        text = f"{esc(name)} ({minutes} min)"
        if room.phase is not None and index < room.phase or room.state == "finished":
            text = f'<s style="color:#78909c">{text}</s>'
        elif index == room.phase:
            text = f"<b>{text}</b>"
        items.append(f'<li data-phase="{esc(key)}">{text}</li>')
    return f'<ol style="margin:2px 0;padding-left:1.4em">{"".join(items)}</ol>' if items else ""


def case_block(case) -> str:
    """The chosen case, shown at the top of the session."""
    if case is None:
        return ""
    return (
        '<div style="border-left:3px solid #1f5fa8;padding:2px 8px;margin:4px 0">'
        f"<b>Gekozen casus: {esc(case.title)}</b><br>{esc(case.text)}</div>"
    )


def tally(room) -> str:
    """The result of a closed vote: votes per shared case, most first (counts only, never who)."""
    rows = sorted(room.tally or (), key=lambda row: -int(row[2]))
    if not rows:
        return ""
    items = "".join(f"<li>{esc(title)}: {votes} {'stem' if votes == 1 else 'stemmen'}</li>" for _, title, votes in rows)
    return f'<div><b>Uitslag van de stemming</b><ul style="margin:2px 0">{items}</ul></div>'


def room_panel(room, seconds: int | None) -> str:
    """The room panel's text: the phase and its clock (or state), the phases, the turn, the case, the vote."""
    if room is None:
        return ""
    if room.state == "waiting":
        head = esc("De leercoach heeft de sessie nog niet gestart.")
    elif room.state == "finished":
        head = esc("De sessie is afgerond.")
    elif room.state == "paused":
        head = esc(_phase_label(room) + " · gepauzeerd")
    else:
        head = esc(_phase_label(room)) + f' · <span class="lk-clock">{esc(clock(seconds))}</span>'
    return _panel(head, room)


def _panel(head_html: str, room) -> str:
    parts = [f'<div class="lk-room" style="font-size:1.1em"><b>{head_html}</b></div>', phases_list(room)]
    who = turn(room)
    if who:
        parts.append(f'<div class="lk-turn" style="margin:2px 0"><b>{esc(who)}</b></div>')
    parts.append(case_block(room.case))
    if room.vote == "open":
        votes = room.votes_left
        parts.append(
            message("info", f"De stemming over de casus loopt: je hebt nog {votes} {_stemmen(votes)}.")
            if votes
            else message("info", "De stemming over de casus loopt; je hebt al je stemmen uitgebracht.")
        )
    elif room.vote == "closed":
        parts.append(tally(room))
    return "".join(p for p in parts if p)


def _stemmen(n: int) -> str:
    return "stem" if n == 1 else "stemmen"


def votes_left(n: int) -> str:
    """'nog 2 stemmen' beside the vote buttons."""
    return f"nog {n} {_stemmen(n)}"


def case_list(cases, *, title: str) -> str:
    """A list of cases (title and text), e.g. the member's own drafts or the kring's shared ones."""
    if not cases:
        return ""
    items = "".join(f"<li><b>{esc(c.title)}</b><br>{esc(c.text)}</li>" for c in cases)
    return f'<div><b>{esc(title)}</b><ul style="margin:2px 0;padding-left:1.2em">{items}</ul></div>'
