"""Archiving a session notebook on close: the kring-visible contributions as Markdown, and an HTML export.

Everything a member typed is escaped before it goes into Markdown (``md_escape``): ``<``, ``>`` and ``&``
become entities and Markdown syntax is backslash-escaped, so user text never becomes live HTML, links,
headings or math, neither in JupyterLab nor in the nbconvert HTML. A ``$`` becomes ``&#36;`` inside a
span that MathJax skips (class ``mathjax_ignore``; JupyterLab typesets the rendered Markdown, so a
backslash alone is not enough: ``$$\\href{javascript:...}$$`` would become a live link).

The HTML copy is self-contained: no require.js, MathJax, mermaid or widget scripts (nbconvert's lab
template loads them from a CDN), and a Content-Security-Policy that allows no script and no request
outside the file itself, so opening an archive contacts no server.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import re
from pathlib import Path

from leerkring.errors import LeerkringError
from leerkring.notebooks.session import notebook_relpath, write_json_atomic
from leerkring.notebooks.templates import META, Step, cell_meta, cell_source, read_notebook, steps_of
from leerkring.store.viewer import Viewer

log = logging.getLogger(__name__)

_INLINE = re.compile(r"([\\`*_\[\]|~])")
#: A dollar sign that neither JupyterLab's MathJax nor any other typesetter reads as a math delimiter.
DOLLAR = '<span class="mathjax_ignore tex2jax_ignore">&#36;</span>'
_LEADING = re.compile(r"^(#|=|\+|-|:)")
_ORDERED = re.compile(r"^(\d+)([.)])")

STATUS_LABELS = {
    "open": "open",
    "continued": "loopt door",
    "done": "klaar",
    "dropped": "gestopt",
    "answered": "beantwoord",
    "closed": "afgesloten",
}
VISIBILITY_LABELS = {"persoonlijk": "persoonlijk", "kring": "kring", "organisatie": "gedeeld met organisatie"}


def md_escape(text: str) -> str:
    """Text that Markdown shows literally: entities for < > &, backslashes for Markdown syntax."""
    lines = []
    for line in str(text).replace("\r\n", "\n").split("\n"):
        line = html.escape(line.strip(), quote=False)
        line = _INLINE.sub(r"\\\1", line)
        line = _LEADING.sub(r"\\\1", line)
        line = _ORDERED.sub(r"\1\\\2", line)
        lines.append(line.replace("$", DOLLAR))
    return "  \n  ".join(lines)  # hard line breaks, indented to stay inside the list item


def _labels(frameworks) -> dict[str, str]:
    labels = {}
    for group in (frameworks.kwesties, frameworks.values, frameworks.source_roles):
        labels.update({t.key: t.label for t in group})
    return labels


def _kind_label(frameworks, principle: str, kind: str) -> str:
    try:
        return frameworks.principle(principle).kind(kind).label
    except LeerkringError:  # a kind the workspace's frameworks no longer declare: its key is its label
        log.info("archive: no label for kind %r of principle %r", kind, principle)
        return kind


def render_entry(entry, frameworks, labels: dict[str, str]) -> str:
    head = f"**{md_escape(_kind_label(frameworks, entry.principle, entry.kind))}**"
    details = []
    extra = entry.extra or {}
    if extra.get("source_role"):
        details.append("bron: " + md_escape(labels.get(extra["source_role"], extra["source_role"])))
    if extra.get("position"):
        details.append("standpunt: " + md_escape(extra["position"]))
    if extra.get("values"):
        details.append("waarden: " + md_escape(", ".join(labels.get(v, v) for v in extra["values"])))
    if extra.get("owner"):
        details.append("wie: " + md_escape(extra["owner"]))
    if extra.get("due"):
        details.append("wanneer: " + md_escape(extra["due"]))
    if extra.get("action"):
        details.append("over actie: " + md_escape(extra["action"]))
    if entry.tags:
        details.append("labels: " + md_escape(", ".join(labels.get(t, t) for t in entry.tags)))
    if entry.visibility == "organisatie":
        details.append("gedeeld met organisatie")
    if entry.revision > 1:
        details.append(f"aangepast, versie {entry.revision}")
    suffix = f" ({'; '.join(details)})" if details else ""
    return f"- {head}{suffix}:  \n  {md_folded(entry.text or '')}"


def md_folded(text: str) -> str:
    """Like :func:`md_escape`, but a long text shows its first 600 characters and folds the rest into a
    ``<details>`` (in JupyterLab and in the HTML archive alike), so one long contribution does not fill
    the archive."""
    from leerkring.widgets.markup import fold_point, more_label

    text = str(text).replace("\r\n", "\n")
    cut = fold_point(text)
    if cut is None:
        return md_escape(text)
    head, rest = text[:cut], text[cut:]
    return (
        f"{md_escape(head)}… <details><summary>{md_escape(more_label(rest))}</summary>"
        f"{md_escape(rest.strip())}</details>"
    )


def render_step(step: Step, entries, frameworks, labels, replies: dict | None = None) -> str:
    """One step's contributions per principle; ``replies`` ({parent uid: replies}) are nested under
    their contribution."""
    from leerkring.notebooks.archive_live import render_replies

    replies = replies or {}
    lines = [f"### Bijdragen bij '{md_escape(step.title)}'", ""]
    if not entries:
        lines.append(EMPTY_STEP)
    for principle in dict.fromkeys(e.principle for e in entries):
        try:
            name = frameworks.principle(principle).name
        except LeerkringError:  # a principle the frameworks no longer declare: show its key
            log.info("archive: no name for principle %r", principle)
            name = principle
        lines.append(f"#### {md_escape(name)}")
        lines.append("")
        for e in entries:
            if e.principle == principle:
                lines.append(render_entry(e, frameworks, labels))
                if replies.get(e.uid):
                    lines.append(render_replies(e, replies[e.uid]))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def render_overview(ws, session, entries, *, now: dt.datetime) -> str:
    store = ws.store
    kring = store.kring(session.kring_id)
    actions = [e for e in entries if e.kind == "actie" and not e.parent_uid]  # a reply takes its parent's kind
    viewer = Viewer.kring_summary([kring.id])
    updates = [u for u in store.action_updates(viewer, kring=kring.id) if u.session_id == session.id]
    signals = [s for s in store.signals(kring.id) if s.session_id == session.id]
    evaluations = store.evaluations(viewer, session_id=session.id)
    k = ws.settings.min_group_size
    lines = [
        "## Archief van deze sessie",
        "",
        f"{md_escape(kring.name)}, {session.date.isoformat()}, methode {md_escape(session.method)}"
        + (f": {md_escape(session.title)}" if session.title else "")
        + ".  ",
        f"Gesloten op {now.astimezone().strftime('%Y-%m-%d %H:%M')}. Hieronder staan bij elke stap de bijdragen "
        "die voor de kring zichtbaar zijn, zonder namen; persoonlijke bijdragen staan er niet in.",
        "",
        f"- Bijdragen: {len(entries)}",
    ]
    n_replies = sum(1 for e in entries if e.parent_uid)
    if n_replies:
        lines.append(f"  - waarvan reacties op een bijdrage: {n_replies}")
    lines += [
        f"- Nieuwe acties: {len(actions)}",
    ]
    if updates:
        counts: dict[str, int] = {}
        for u in updates:
            counts[u.status] = counts.get(u.status, 0) + 1
        lines.append(
            "- Terugmeldingen op eerdere acties: "
            + ", ".join(f"{n} {STATUS_LABELS.get(s, s)}" for s, n in counts.items())
        )
    else:
        lines.append("- Terugmeldingen op eerdere acties: 0")
    lines.append(f"- Signalen aan het management: {len(signals)}")
    for sig in signals:
        lines.append(f"  - {md_escape(sig.title)} ({STATUS_LABELS.get(sig.status, sig.status)})")
    lines.append(f"- Evaluaties: {len(evaluations)}")
    if evaluations and len(evaluations) >= k:
        free = sum(e.free_to_speak for e in evaluations) / len(evaluations)
        useful = sum(e.useful for e in evaluations) / len(evaluations)
        lines.append(f"  - Ik voelde me vrij om te spreken: gemiddeld {free:.1f} van 5")
        lines.append(f"  - Deze sessie was nuttig: gemiddeld {useful:.1f} van 5")
    elif evaluations:
        lines.append(f"  - Gemiddelden worden pas getoond vanaf {k} evaluaties.")
    if actions:
        lines += ["", "### Afgesproken acties", ""]
        for a in actions:
            extra = a.extra or {}
            who = f" (wie: {md_escape(extra['owner'])})" if extra.get("owner") else ""
            when = f" (wanneer: {md_escape(extra['due'])})" if extra.get("due") else ""
            lines.append(f"- {md_escape(a.text or '')}{who}{when}")
    return "\n".join(lines) + "\n"


def place(entry, steps, frameworks) -> str | None:
    """The step an entry belongs to: its own step key, or (for entries saved without one, such as
    actions made from the CLI) the first step that offers its kind; None when no step fits."""
    keys = {s.key for s in steps}
    if entry.step in keys:
        return entry.step
    fitting = [s for s in steps if entry.principle in s.principles and (not s.kinds or entry.kind in s.kinds)]
    return fitting[0].key if fitting else None


#: What replaces the intro's "kies bovenaan Run > Run All Cells" while the session is archived.
INTRO_NOTE = (
    "*Deze sessie is gesloten; dit notebook is haar archief.* Je hoeft niets uit te voeren: bij elke stap "
    "staan hieronder de bijdragen die voor de kring zichtbaar zijn."
)
EMPTY_STEP = "_Geen bijdragen bij deze stap._"


def _is_instruction(paragraph: str) -> bool:
    """A paragraph that tells a member how to run the notebook (useless, even wrong, in an archive)."""
    return "Run All" in paragraph or "Run > Run" in paragraph


def archive_intro(cell: dict) -> None:
    """The intro cell as the archive shows it: its run instruction replaced by :data:`INTRO_NOTE`.
    The open session's text is kept in the cell's metadata (``open_source``) for :func:`reopen_intro`."""
    meta = cell_meta(cell)
    original = meta.get("open_source")
    source = original if isinstance(original, str) else cell_source(cell)
    meta["open_source"] = source
    cell.setdefault("metadata", {})[META] = meta
    kept = [p for p in source.split("\n\n") if not _is_instruction(p)]
    cell["source"] = "\n\n".join([*kept, INTRO_NOTE])


def reopen_intro(nb: dict) -> dict:
    """The intro cells as the open session shows them again (after :func:`archive_intro`)."""
    for cell in nb.get("cells", ()):
        meta = cell_meta(cell)
        if meta.get("role") == "intro" and isinstance(meta.get("open_source"), str):
            cell["source"] = meta.pop("open_source")
    return nb


def render_signals(signals) -> str:
    """The archive under the signal step: what this session raised, with its status."""
    lines = ["### Signalen uit deze sessie", ""]
    if not signals:
        lines.append("_In deze sessie is geen signaal aan het management gegeven._")
    for sig in signals:
        lines.append(f"- {md_escape(sig.title)} ({STATUS_LABELS.get(sig.status, sig.status)})")
    return "\n".join(lines) + "\n"


def render_evaluations(evaluations, k: int) -> str:
    """The archive under the evaluation step: how many, and the means once k people answered."""
    lines = ["### Evaluatie van deze sessie", ""]
    if not evaluations:
        lines.append("_Bij deze sessie is geen evaluatie ingevuld._")
    else:
        lines.append(f"{len(evaluations)} anonieme evaluatie(s).")
        if len(evaluations) >= k:
            free = sum(e.free_to_speak for e in evaluations) / len(evaluations)
            useful = sum(e.useful for e in evaluations) / len(evaluations)
            lines += [
                "",
                f"- Ik voelde me vrij om te spreken: gemiddeld {free:.1f} van 5",
                f"- Deze sessie was nuttig: gemiddeld {useful:.1f} van 5",
            ]
        else:
            lines.append(f"Gemiddelden worden pas getoond vanaf {k} evaluaties.")
    return "\n".join(lines) + "\n"


def _archive_cell(source: str, step: str | None = None) -> dict:
    import uuid

    meta = {"role": "archive"}
    if step:
        meta["step"] = step
    return {"cell_type": "markdown", "id": uuid.uuid4().hex[:12], "metadata": {META: meta}, "source": source}


def archive_notebook(ws, session, nb: dict, *, now: dt.datetime | None = None) -> dict:
    """The notebook with archive cells (idempotent: earlier archive cells are replaced)."""
    from leerkring.store.viewer import Viewer

    now = now or dt.datetime.now(dt.UTC)
    frameworks = ws.store.frameworks
    labels = _labels(frameworks)
    from leerkring.notebooks.archive_live import live_section, split_replies

    shown = ws.store.entries(Viewer.kring_summary([session.kring_id]), session_id=session.id)
    entries, replies = split_replies(shown)  # a reply shows only under a parent the kring may see
    cells = [c for c in nb.get("cells", []) if cell_meta(c).get("role") != "archive"]
    for cell in cells:
        if cell.get("cell_type") == "code":
            cell["outputs"] = []  # widget views cannot render without a kernel; the archive replaces them
            cell["execution_count"] = None
    nb["cells"] = cells
    steps = [s for s in steps_of(nb) if s.role in ("step", "open_actions")]
    known = {s.key for s in steps}
    last_index: dict[str, int] = {}
    for i, cell in enumerate(cells):
        key = cell_meta(cell).get("step")
        if key in known:
            last_index[key] = i
    placed = {e.uid: place(e, steps, frameworks) for e in entries}
    inserts: list[tuple[int, dict]] = []
    for step in steps:
        mine = [e for e in entries if placed[e.uid] == step.key]
        text = render_step(step, mine, frameworks, labels, replies)
        inserts.append((last_index[step.key] + 1, _archive_cell(text, step.key)))
    # every other step says something too: the signals and the evaluation of this session, or "nothing"
    for step in steps_of(nb):
        if step.key in known:
            continue
        index = max(i for i, c in enumerate(cells) if cell_meta(c).get("step") == step.key)
        if step.role == "signal":
            text = render_signals([sig for sig in ws.store.signals(session.kring_id) if sig.session_id == session.id])
        elif step.role == "evaluation":
            viewer = Viewer.kring_summary([session.kring_id])
            text = render_evaluations(ws.store.evaluations(viewer, session_id=session.id), ws.settings.min_group_size)
        else:
            text = f"### {md_escape(step.title or step.key)}\n\n{EMPTY_STEP}\n"
        inserts.append((index + 1, _archive_cell(text, step.key)))
    rest = [e for e in entries if placed[e.uid] is None]
    for index, cell in sorted(inserts, key=lambda x: x[0], reverse=True):
        cells.insert(index, cell)
    if rest:
        other = Step("overig", "step", "Overige bijdragen", tuple(dict.fromkeys(e.principle for e in rest)))
        cells.append(_archive_cell(render_step(other, rest, frameworks, labels, replies), "overig"))
    for cell in cells:
        if cell_meta(cell).get("role") == "intro" and cell.get("cell_type") == "markdown":
            archive_intro(cell)
    head = next((i for i, c in enumerate(cells) if cell_meta(c).get("role") not in ("intro",)), 0)
    live = live_section(ws, session)
    if live:
        cells.insert(head, _archive_cell(live))
    everything = entries + [r for rs in replies.values() for r in rs]
    cells.insert(head, _archive_cell(render_overview(ws, session, everything, now=now)))
    meta = nb.setdefault("metadata", {})
    meta.pop("widgets", None)
    lk = meta.setdefault(META, {"method": session.method, "schema_version": 1})
    lk["archived"] = now.isoformat(timespec="seconds")
    lk.setdefault("session_id", session.id)
    return nb


#: nbconvert's lab template without the scripts it fetches from a CDN (require.js, MathJax, mermaid,
#: the widget manager), with a policy that lets the page load nothing from outside and run no script.
ARCHIVE_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; \
img-src data:; font-src data:; base-uri 'none'; form-action 'none'">
<meta name="generator" content="leerkring (archief van een gesloten sessie)">
{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
"""


def export_html(nb: dict, target: Path) -> Path:
    """HTML next to the notebook, without code cells, self-contained (see :data:`ARCHIVE_TEMPLATE`),
    written atomically."""
    import nbformat
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="lab",
        template_file="leerkring_archive.html.j2",
        extra_loaders=[DictLoader({"leerkring_archive.html.j2": ARCHIVE_TEMPLATE})],
    )
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    body, _ = exporter.from_notebook_node(nbformat.from_dict(nb))
    write_json_atomic(target, body)
    return target


def archive_session(ws, session, *, html_export: bool = True) -> Path:
    """Render the archive into the session notebook (recreating it from the template if it is gone)."""
    from leerkring.notebooks.session import build_session_notebook
    from leerkring.notebooks.templates import TemplateError, load_template

    kring = ws.store.kring(session.kring_id)
    rel = session.notebook or notebook_relpath(kring.slug, session.date.isoformat(), session.method)
    path = ws.path / rel
    try:
        nb = read_notebook(path)
    except TemplateError:
        template, _ = load_template(session.method, ws.path, ws.store.frameworks)
        nb = build_session_notebook(template, workspace=ws.path, session=session, kring=kring)
    nb = archive_notebook(ws, session, nb)
    write_json_atomic(path, nb)
    if html_export:
        export_html(nb, path.with_suffix(".html"))
    if session.notebook != rel:
        ws.store.set_notebook(session.id, rel)
    return path


def reopen_notebook(ws, session) -> Path | None:
    """After a reopen: the session notebook's intro tells members again how to take part (the archive
    cells stay until the session is closed again, which replaces them). None when there is no notebook."""
    if not session.notebook:
        return None
    path = ws.path / session.notebook
    try:
        nb = read_notebook(path)
    except LeerkringError as exc:  # no notebook to restore: closing again recreates it
        log.info("no session notebook to reopen at %s: %s", path, exc)
        return None
    write_json_atomic(path, reopen_intro(nb))
    return path
