"""The live session in the archive: how the phases ran, the chosen case, the vote's tally, the rounds,
and the replies nested under the contribution they answer.

The room (:meth:`~leerkring.store.room.RoomMixin.room`) gives the phase history, the tally (counts per
case, never who voted) and the chosen case; the number of rounds comes from the live figures the
summaries count too (:mod:`leerkring.summary.live`). A part with nothing in it is left out entirely,
so a session that was never led live gets no extra heading at all.

Replies follow the archive's visibility rule: they are entries the kring may see, and a reply is shown
only under a parent that is shown, never marked wider than that parent (a parent narrowed after the
reply was written takes its replies with it).
"""

from __future__ import annotations

from leerkring.notebooks.archive import VISIBILITY_LABELS, md_escape, md_folded

RANK = {v: i for i, v in enumerate(VISIBILITY_LABELS)}  # persoonlijk < kring < organisatie


def split_replies(entries) -> tuple[list, dict[str, list]]:
    """(the contributions, {parent uid: its replies, oldest first}); a reply whose parent is not among
    ``entries`` (not visible to the kring) is dropped with it."""
    uids = {e.uid for e in entries if not e.parent_uid}
    tops = [e for e in entries if not e.parent_uid]
    replies: dict[str, list] = {}
    for e in entries:
        if e.parent_uid and e.parent_uid in uids:
            replies.setdefault(e.parent_uid, []).append(e)
    return tops, replies


def render_replies(parent, replies) -> str:
    """The replies under one contribution as a nested list ('' when there are none)."""
    lines = []
    for reply in replies:
        details = []
        if min(RANK.get(reply.visibility, 0), RANK.get(parent.visibility, 0)) == RANK["organisatie"]:
            details.append("gedeeld met organisatie")
        if reply.revision > 1:
            details.append(f"aangepast, versie {reply.revision}")
        suffix = f" ({'; '.join(details)})" if details else ""
        text = md_folded(reply.text or "").replace("\n  ", "\n    ")  # continuation lines of the sub-item
        lines.append(f"  - *reactie*{suffix}:  \n    {text}")
    return "\n".join(lines)


def _minutes(seconds) -> str:
    seconds = max(0, int(seconds or 0))
    if seconds < 60:
        return "minder dan 1 min"
    return f"{round(seconds / 60)} min"


def phase_rows(room) -> list[tuple[str, str, str]]:
    """(name, planned, used) per phase that ran: the finished ones from the history, then the phase
    that was still running (or paused) when the session closed."""
    rows = [
        (
            str(done.get("name") or done.get("key") or ""),
            f"{int(done.get('planned_minutes') or 0)} min",
            _minutes(done.get("seconds")),
        )
        for done in room.history
    ]
    if room.state in ("running", "paused") and room.phase_minutes is not None:
        used = room.phase_minutes * 60 - int(room.seconds_left or 0)
        rows.append((f"{room.phase_name} (liep nog toen de sessie sloot)", f"{room.phase_minutes} min", _minutes(used)))
    return rows


def render_live(room, rounds: int) -> str:
    """The archive's 'Verloop van de sessie' ('' when the session was not led live)."""
    parts = []
    rows = phase_rows(room) if room is not None else []
    if rows:
        table = ["| fase | gepland | gebruikt |", "|---|---|---|"]
        table += [f"| {md_escape(name)} | {planned} | {used} |" for name, planned, used in rows]
        parts.append("**Fasen**, zoals ze liepen:\n\n" + "\n".join(table))
    if room is not None and room.case is not None:
        body = md_folded(room.case.text) if (room.case.text or "").strip() else ""
        parts.append(f"**Gekozen casus: {md_escape(room.case.title)}**" + (f"  \n{body}" if body else ""))
    tally = [t for t in (room.tally if room is not None and room.vote != "none" else ()) if int(t[2]) > 0]
    if tally:
        lines = [
            "**Stemming over de casus** (aantal stemmen per casus; wie waarop stemde, is nergens vastgelegd):",
            "",
        ]
        lines += [f"- {md_escape(title)}: {votes} {'stem' if votes == 1 else 'stemmen'}" for _id, title, votes in tally]
        parts.append("\n".join(lines))
    if rounds:
        parts.append(
            f"**Rondes:** {rounds} {'ronde' if rounds == 1 else 'rondes'} gehouden, iedere deelnemer op zijn beurt."
        )
    if not parts:
        return ""
    return "### Verloop van de sessie\n\n" + "\n\n".join(parts) + "\n"


def live_section(ws, session) -> str:
    """The rendered 'Verloop van de sessie' of ``session`` ('' when it was not led live or the store
    keeps no live sessions)."""
    from leerkring.summary.live import session_facts

    store = ws.store
    if not hasattr(store, "room"):
        return ""
    room = store.room(session.id)
    # the rounds are read from the database; a store reached through the service (no ``read``) has no
    # such read, and its archive says nothing about rounds rather than something untrue
    facts = session_facts(store, [session.id]).get(session.id) if hasattr(store, "read") else None
    return render_live(room, facts.rounds if facts is not None else 0)
