"""The HTML the forms show: messages, the privacy notice, the wall of entries, lists.

Every text that reaches an HTML widget goes through :func:`esc`; option labels and descriptions are
plain text in ipywidgets 8 (``description_allow_html`` stays off), so user text is never executed.

Only strings in, strings out: this module imports neither ipywidgets nor the store, so anything that
only needs to say something (e.g. :mod:`leerkring.widgets.waiting`) can use it without loading forms.
"""

from __future__ import annotations

import html

from leerkring.errors import LeerkringError

COLOURS = {"ok": "#1b5e20", "error": "#b71c1c", "warning": "#8a4b00", "info": "#37474f"}
ACTION_STATUS = {"open": "open", "continued": "loopt door", "done": "klaar", "dropped": "gestopt"}
SIGNAL_STATUS = {"open": "open", "answered": "beantwoord", "closed": "afgesloten"}


#: A dollar sign MathJax does not read as a math delimiter (ipywidgets typesets every HTML widget, so
#: ``$$\href{javascript:...}$$`` in a contribution would otherwise render as live math).
DOLLAR = '<span class="mathjax_ignore tex2jax_ignore">&#36;</span>'


def esc(text) -> str:
    """HTML-escaped text with line breaks kept, and no ``$`` left for MathJax."""
    return html.escape(str(text or ""), quote=True).replace("\n", "<br>").replace("$", DOLLAR)


#: Texts longer than this (plus a margin) are folded: this many characters show, the rest on a click.
FOLD_AT = 600
_FOLD_MARGIN = 200  # a text only a little longer is shown whole


def fold_point(text: str, limit: int = FOLD_AT) -> int | None:
    """Where to fold ``text`` (at a space near ``limit``), or None when it is short enough to show whole."""
    if len(text) <= limit + _FOLD_MARGIN:
        return None
    cut = text.rfind(" ", limit - 100, limit)
    return cut if cut > 0 else limit


def more_label(rest: str) -> str:
    """'lees verder (nog 19.400 tekens)' for the folded part of a text."""
    return f"lees verder (nog {len(rest.strip()):,} tekens)".replace(",", ".")


def folded(text) -> str:
    """A contribution as HTML: whole when short; a long one shows its first :data:`FOLD_AT` characters and
    folds the rest into a ``<details>`` the reader opens with a click (a 20,000-character text would
    otherwise fill the whole wall)."""
    text = str(text or "")
    cut = fold_point(text)
    if cut is None:
        return esc(text)
    head, rest = text[:cut], text[cut:]
    return (
        f'{esc(head)}… <details class="lk-fold" style="display:inline"><summary style="cursor:pointer;'
        f'color:#1f5fa8">{esc(more_label(rest))}</summary>{esc(rest.lstrip())}</details>'
    )


def message(kind: str, text: str) -> str:
    """One line of feedback: kind is 'ok', 'error', 'warning' or 'info'."""
    return f'<div style="color:{COLOURS.get(kind, COLOURS["info"])};margin:2px 0">{esc(text)}</div>'


def messages(*groups) -> str:
    """Several (kind, text) messages as the value of one HTML widget."""
    return "".join(message(kind, text) for kind, text in groups)


def notice_for(replaced) -> str:
    """The Dutch notice of what the scrubber replaced; never contains the original values."""
    replaced = list(replaced or ())
    if not replaced:
        return "Er zijn geen persoonsgegevens gevonden."
    from leerkring.privacy.model import Finding, Scrubbed

    notice = Scrubbed("", tuple(Finding(f["type"], 0, 0, f["replacement"]) for f in replaced)).notice()
    tokens = ", ".join(dict.fromkeys(f["replacement"] for f in replaced))
    return f"{notice} (in de tekst staat nu {tokens})."


def session_header(session, kring, method_name: str) -> str:
    """Which session this is: title, kring, date, method, number and state."""
    state = "open" if session.is_open else "gesloten"
    return "<br>".join(
        (
            f"<b>{esc(session.title or method_name)}</b>",
            f"Kring: {esc(kring.name)} &middot; Datum: {esc(session.date.isoformat())} &middot; "
            f"Methode: {esc(method_name)} &middot; Sessie {session.id} ({state})",
        )
    )


def _field_labels(fw) -> dict[str, str]:
    """{extra key: label on the wall} for every declared kind-specific field, in declaration order."""
    labels: dict[str, str] = {}
    for principle in fw.principles:
        for kind in principle.kinds:
            for field in kind.fields:
                labels.setdefault(field.key, field.label.lower())
    labels["action"] = "over actie"  # effects and lessons name the action they report on
    return labels


#: The release review of a text shared with the organisation, as its author sees it on the wall.
RELEASE_STATUS = {"pending": "wacht op vrijgave", "released": "vrijgegeven", "rejected": "teruggestuurd"}


def release_status(entry) -> str:
    """The release state of the author's own entry shared with the organisation ("wacht op vrijgave",
    "vrijgegeven" or "teruggestuurd: <reden>"; the store fills it for the author only), else ""."""
    status = RELEASE_STATUS.get(getattr(entry, "release", None) or "", "")
    reason = getattr(entry, "release_reason", "") or ""
    if status and entry.release == "rejected" and reason:
        return f"{status}: {reason}"
    return status


def wall(entries, fw) -> str:
    """A step's entries, newest last: kind, author (or 'anoniem'), visibility, the release state of the
    viewer's own entries shared with the organisation, revision, own fields, text. Replies are nested
    under the entry they answer (a reply whose parent this viewer does not see stands on its own).

    A field's value is shown when it is a single value (a choice, a text, a date); lists such as the
    chosen values are already the entry's labels.
    """
    if not entries:
        return message("info", "Nog geen bijdragen bij deze stap.")
    labels = _field_labels(fw)
    uids = {e.uid for e in entries}
    children: dict = {}
    top = []
    for e in entries:
        parent = getattr(e, "parent_uid", None)
        if parent and parent in uids and parent != e.uid:
            children.setdefault(parent, []).append(e)
        else:
            top.append(e)

    def item(e, depth: int) -> str:
        below = children.get(e.uid, ()) if depth < 20 else ()
        nested = "".join(item(r, depth + 1) for r in below)
        if nested:
            nested = f'<ul class="lk-replies" style="padding-left:1.2em;border-left:2px solid #cfd8dc">{nested}</ul>'
        return _wall_item(e, fw, labels, reply=depth > 0) + nested + "</li>"

    items = "".join(item(e, 0) for e in top)
    return f'<div><b>Bijdragen tot nu toe</b><ul style="padding-left:1.2em">{items}</ul></div>'


def _wall_item(e, fw, labels: dict, *, reply: bool) -> str:
    """One entry's opening ``<li>`` with its line and text (the caller closes it after any replies)."""
    if reply:
        label = "Reactie"
    else:
        try:
            label = fw.principle(e.principle).kind(e.kind).label
        except LeerkringError:  # a kind a workspace framework no longer declares: show its key
            label = e.kind
    meta = [esc(e.author or "anoniem")]
    if e.visibility != "kring":
        meta.append(esc(e.visibility))
    status = release_status(e)
    if status:
        meta.append(f"<i>{esc(status)}</i>")
    if e.revision > 1:
        meta.append(f"versie {e.revision}")
    extra = e.extra or {}
    for key, name in labels.items():
        value = extra.get(key)
        if value and not isinstance(value, (list, tuple, dict)):
            meta.append(f"{esc(name)}: {esc(value)}")
    return (
        f'<li style="margin-bottom:4px"><b>{esc(label)}</b> <span style="color:#607d8b">'
        f"({' &middot; '.join(meta)})</span><br>{folded(e.text)}"
    )


def action_summary(action) -> str:
    """One open action's line in the terugblik: title, owner, due date, status."""
    bits = [f"<b>{esc(action.title)}</b>"]
    if action.owner:
        bits.append(f"wie: {esc(action.owner)}")
    if action.due_date:
        bits.append(f"wanneer: {esc(action.due_date.isoformat())}")
    bits.append(f"status: {esc(ACTION_STATUS.get(action.status, action.status))}")
    return " &middot; ".join(bits)


def signal_list(signals) -> str:
    """The signals raised in this session, with their status (empty when there are none)."""
    if not signals:
        return ""
    items = "".join(f"<li>{esc(s.title)} ({esc(SIGNAL_STATUS.get(s.status, s.status))})</li>" for s in signals)
    return f"<div><b>Signalen uit deze sessie</b><ul>{items}</ul></div>"
