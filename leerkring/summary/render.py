"""What the summary notebook shows: the summary page of one summary document, in Dutch HTML.

The page is an introduction followed by the sections of :func:`leerkring.sections.summary_sections`
(leerkring's own and those of plugins), each in reading order and each with its charts. Each summary is
one output; it carries ``metadata.leerkring.target`` ("<audience>/<slug>") so that the runner can split
the one executed notebook into one notebook per summary. All text is HTML-escaped.
"""

from __future__ import annotations

from html import escape

from leerkring.sections import View, summary_sections

STYLE = """<style>
.leerkring-summary{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:60rem;line-height:1.45}
.leerkring-summary table{border-collapse:collapse;margin:.5rem 0}
.leerkring-summary th,.leerkring-summary td{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}
.leerkring-summary .onderdrukt{color:#555;font-style:italic}
.leerkring-figure{margin:1rem 0}.leerkring-figure figcaption{font-size:.85rem;color:#333}
</style>"""


def _intro(doc: dict, view: View) -> str:
    k = view.k
    who = "alle kringen samen" if view.rollup else f"kring {escape(doc['scope']['name'])}"
    audience = "voor de organisatie" if view.org else "voor de kring zelf"
    intro = (
        f"<h1>Samenvatting {escape(doc['scope']['name'])}</h1>"
        f"<p>Samenvatting van {who}, {audience}, over {escape(_period(doc))}. "
        f"Gemaakt op {escape(doc['generated_at'][:10])}.</p>"
    )
    if view.org:
        names = (
            "Deze samenvatting laat niet zien wie wat zei. De namen in de teksten zijn verzonnen: ze staan in "
            "plaats van de namen die eruit zijn gehaald."
            if doc.get("surrogates")
            else "Deze samenvatting laat geen namen zien en niet wie wat zei."
        )
        intro += (
            f"<p>{names} Aantallen die op minder dan {k} "
            f"bijdragers rusten, staan er als <em>minder dan {k} bijdragers</em>. Teksten zijn alleen "
            "bijdragen die uitdrukkelijk met de organisatie zijn gedeeld en die een leercoach heeft "
            "vrijgegeven, en zijn opnieuw gepseudonimiseerd.</p>"
        )
    else:
        intro += (
            "<p>Alleen voor de kring: bijdragen die met de kring of de organisatie zijn gedeeld. Persoonlijke "
            "aantekeningen staan er nooit in, en ook niet wie iets schreef.</p>"
        )
    if doc["empty"]:
        intro += f"<p><strong>{escape(doc['message'] or 'Geen sessies in deze periode.')}</strong></p>"
    return STYLE + f"<div class='leerkring-summary'>{intro}</div>"


def sections(doc: dict) -> list[tuple[str, str]]:
    """[(section key, HTML)] for one summary document, in reading order; an empty period has only its
    introduction."""
    view = View(doc)
    out = [("intro", _intro(doc, view))]
    if doc["empty"]:
        return out
    for section in summary_sections():
        if view.audience not in section.audiences:
            continue
        body = section.html(view)
        if body:
            out.append((section.key, f"<div class='leerkring-summary'>{body}</div>"))
    return out


def _period(doc) -> str:
    import datetime as dt

    from leerkring.summary.period import Period

    p = doc["period"]
    start = dt.date.fromisoformat(p["start"]) if p["start"] else None
    return Period(p["label"], p["kind"], start, dt.date.fromisoformat(p["end"])).describe()


def display_summary(doc: dict, target: str) -> None:
    """Show one summary in the notebook as ONE output (its sections in reading order), tagged with its
    target: papermill and nbclient handle, validate and keep every output message, so one per summary
    instead of one per section saves that work for every section."""
    from IPython.display import publish_display_data

    parts = sections(doc)
    publish_display_data(
        {
            "text/html": "\n".join(html for _, html in parts),
            "text/plain": " ".join(f"[{section}]" for section, _ in parts),
        },
        metadata={"leerkring": {"target": target, "sections": [section for section, _ in parts]}},
    )
