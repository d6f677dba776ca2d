"""What the summary notebook shows: Dutch HTML sections and charts for one summary document.

Each summary is one output; it carries ``metadata.leerkring.target`` ("<audience>/<slug>") so that the runner can split
the one executed notebook into one notebook per summary. All text is HTML-escaped.
"""

from __future__ import annotations

from html import escape

from leerkring.summary import charts
from leerkring.summary.suppression import is_suppressed, show

STATUS = {"open": "open", "continued": "loopt door", "done": "klaar", "dropped": "gestopt",
          "answered": "beantwoord", "closed": "afgesloten"}
STYLE = """<style>
.leerkring-summary{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:60rem;line-height:1.45}
.leerkring-summary table{border-collapse:collapse;margin:.5rem 0}
.leerkring-summary th,.leerkring-summary td{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}
.leerkring-summary .onderdrukt{color:#555;font-style:italic}
.leerkring-figure{margin:1rem 0}.leerkring-figure figcaption{font-size:.85rem;color:#333}
</style>"""


def _v(value) -> str:
    text = escape(show(value))
    return f'<span class="onderdrukt">{text}</span>' if is_suppressed(value) else text


def _table(headers, rows) -> str:
    head = "".join(f"<th scope='col'>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _texts(items, empty="Niets in deze periode.", with_kring=False) -> str:
    if not items:
        return f"<p>{escape(empty)}</p>"
    lis = []
    for it in items:
        meta = [it.get("date") or ""]
        if with_kring and it.get("kring"):
            meta.append(it["kring"])
        if it.get("kind"):
            meta.append(it["kind"].replace("_", " "))
        lis.append(f"<li><span class='meta'>{escape(' · '.join(m for m in meta if m))}</span>: {escape(it['text'])}</li>")
    return "<ul>" + "".join(lis) + "</ul>"


def sections(doc: dict) -> list[tuple[str, str]]:
    """[(section id, HTML)] for one summary document, in reading order."""
    org = doc["audience"] == "organisatie"
    rollup = doc["scope"]["type"] == "organisatie"
    k = doc["min_group_size"]
    specs = {c.id: c for c in charts.chart_specs(doc)}
    fig = lambda cid: charts.figure_html(specs[cid]) if cid in specs else ""  # noqa: E731
    out = []
    who = "alle kringen samen" if rollup else f"kring {escape(doc['scope']['name'])}"
    audience = "voor de organisatie" if org else "voor de kring zelf"
    intro = (f"<h1>Samenvatting {escape(doc['scope']['name'])}</h1>"
             f"<p>Samenvatting van {who}, {audience}, over {escape(_period(doc))}. "
             f"Gemaakt op {escape(doc['generated_at'][:10])}.</p>")
    if org:
        intro += (f"<p>Deze samenvatting laat geen namen zien en niet wie wat zei. Aantallen die op minder dan {k} "
                  f"bijdragers rusten, staan er als <em>minder dan {k} bijdragers</em>. Teksten zijn alleen "
                  "bijdragen die uitdrukkelijk met de organisatie zijn gedeeld, en zijn opnieuw gepseudonimiseerd.</p>")
    else:
        intro += ("<p>Alleen voor de kring: bijdragen die met de kring of de organisatie zijn gedeeld. Persoonlijke "
                  "aantekeningen staan er nooit in, en ook niet wie iets schreef.</p>")
    if doc["empty"]:
        intro += f"<p><strong>{escape(doc['message'] or 'Geen sessies in deze periode.')}</strong></p>"
        return [("intro", STYLE + f"<div class='leerkring-summary'>{intro}</div>")]
    out.append(("intro", STYLE + f"<div class='leerkring-summary'>{intro}</div>"))

    s = doc["sessions"]
    att = s["attendance"]
    html = (f"<h2>Sessies en aanwezigheid</h2><p>{s['count']} sessies ({s['closed']} afgesloten). "
            f"Deelnemers: {_v(att['participants'])}; gemiddeld aanwezig per sessie: {_v(att['mean_per_session'])}.</p>")
    html += _table(["methode", "sessies"], [[escape(m["label"]), _v(m["count"])] for m in s["by_method"]])
    if att["by_role"]:
        html += _table(["rol", "aantal mensen"], [[escape(r), _v(v)] for r, v in att["by_role"].items()])
    if rollup and doc.get("kringen"):
        html += "<h3>Per kring (op naam, geen rangorde)</h3>" + _table(
            ["kring", "sessies", "bijdragen", "principes met aandacht", "acties", "open signalen"],
            [[escape(r["name"]), r["sessions"], _v(r["entries"]), r["principles_with_attention"],
              _v(r["actions_raised"]), r["signals_open"]] for r in doc["kringen"]])
        html += fig("sessies_per_kring")
    out.append(("sessies", f"<div class='leerkring-summary'>{html}</div>"))

    lm = doc["leermix"]
    html = (f"<h2>Leer-mix</h2><p>Welke principes kregen aandacht? In totaal {_v(lm['total_entries'])} bijdragen "
            f"van {_v(lm['contributors'])} bijdragers.</p>")
    html += _table(["principe", "bijdragen", "sessies met aandacht"],
                   [[f"{p['number']}. {escape(p['name'])}", _v(p["entries"]), _v(p["sessions"])] for p in lm["principles"]])
    html += fig("leermix") + fig("leermix_tijd")
    if not org and s["items"]:
        names = {p["key"]: str(p["number"]) for p in lm["principles"]}
        rows = []
        for it in s["items"][-20:]:
            pr = it["principles"]
            mix = _v(pr) if is_suppressed(pr) else escape(", ".join(f"{names.get(k2, k2)}: {show(v)}" for k2, v in pr.items()) or "–")
            rows.append([escape(it["date"]), escape(it["method_label"]), mix])
        html += "<h3>Leer-mix per sessie (laatste 20)</h3>" + _table(["datum", "methode", "bijdragen per principe"], rows)
    out.append(("leermix", f"<div class='leerkring-summary'>{html}</div>"))

    a = doc["actions"]
    d = a["days_to_first_report"]
    html = (f"<h2>Actieleren</h2><p>Acties opgepakt: {_v(a['raised'])}; teruggekoppeld: {_v(a['reported'])}; "
            f"klaar: {_v(a['done'])}; loopt door: {_v(a.get('continued', 0))}; gestopt: {_v(a['dropped'])}; "
            f"nog open: {_v(a['open'])}, waarvan over de afspraakdatum: {_v(a['overdue'])}. "
            f"Dagen tot de eerste terugkoppeling: mediaan {_v(d['median'])}, gemiddeld {_v(d['mean'])}.</p>")
    html += fig("actieleren")
    if not org and a.get("items"):
        html += _table(["actie", "opgepakt", "afspraak", "status", "terugkoppelingen"],
                       [[escape(i["title"]), escape(i["raised"] or ""), escape(i["due"] or ""),
                         escape(STATUS.get(i["status"], i["status"])) + (" (te laat)" if i["overdue"] else ""),
                         i["reports"]] for i in a["items"][-30:]])
    out.append(("actieleren", f"<div class='leerkring-summary'>{html}</div>"))

    if not org and "uncertainties" in doc:
        u = doc["uncertainties"]
        html = (f"<h2>Onzekerheden en leervragen</h2><p>Niet weten: {_v(u['niet_weten'])}; leervragen: "
                f"{_v(u['leervragen'])}.</p>" + _texts(u["items"]))
        out.append(("onzekerheid", f"<div class='leerkring-summary'>{html}</div>"))

    t = doc["tensions"]
    html = (f"<h2>Spanningen en waarden</h2><p>Bijdragen over spanningen: {_v(t['entries'])}; gezamenlijk kader "
            f"gevonden: {_v(t.get('shared_frames', 0))}.</p>")
    if t["values"]:
        html += _table(["waarde die op het spel stond", "keer genoemd"], [[escape(v["label"]), _v(v["count"])] for v in t["values"]])
    else:
        html += "<p>Geen waarden benoemd.</p>"
    if not org:
        html += _texts(t.get("items", []))
    out.append(("spanningen", f"<div class='leerkring-summary'>{html}</div>"))

    b = doc["boundary"]
    html = (f"<h2>Grensoverschrijdend leren</h2><p>Sessies met gasten: {_v(b['sessions_with_guests'])}; "
            f"verschillende gasten: {_v(b['guests'])}; systeemkwesties: {_v(b['systeemkwesties'])}.</p>")
    if b["invitations"]:
        html += _table(["wie we willen uitnodigen", "aantal"], [[escape(i["label"]), _v(i["count"])] for i in b["invitations"]])
    if b.get("sources"):
        html += _table(["bron van stille kennis", "aantal"], [[escape(i["label"]), _v(i["count"])] for i in b["sources"]])
    tr = doc["trialogue"]
    html += (f"<h2>Trialoog</h2><p>Kennis: {_v(tr['kennis'])}; gevoel: {_v(tr['gevoel'])}; contact: "
             f"{_v(tr['contact'])}.</p>" + fig("trialoog"))
    out.append(("grenzen", f"<div class='leerkring-summary'>{html}</div>"))

    sg = doc["signals"]
    html = (f"<h2>Signalen aan het management</h2><p>{sg['raised']} signalen: {sg['open']} open, {sg['answered']} "
            f"beantwoord, {sg['closed']} afgesloten. Dagen tot een antwoord: mediaan {_v(sg['days_to_answer']['median'])}"
            f"; het oudste open signaal wacht {_v(sg['open_days_max'])} dagen.</p>" + fig("signalen"))
    if sg["items"]:
        rows = []
        for i in sg["items"][-30:]:
            answer = " / ".join(r["text"] for r in i["responses"]) or "–"
            title = (escape(i["kring"]) + ": " if rollup and i.get("kring") else "") + escape(i["title"])
            rows.append([escape(i["raised"]), title, escape(STATUS.get(i["status"], i["status"])),
                         _v(i["days_to_answer"]), escape(answer)])
        html += _table(["gemeld", "signaal", "status", "dagen tot antwoord", "antwoord"], rows)
    out.append(("signalen", f"<div class='leerkring-summary'>{html}</div>"))

    ev = doc["evaluations"]
    html = (f"<h2>Evaluaties</h2><p>Aantal evaluaties: {_v(ev['count'])}. Gemiddeld vrijuit kunnen spreken: "
            f"{_v(ev['free_to_speak'])}; nuttig: {_v(ev['useful'])} (schaal 1-5; weggelaten bij minder dan {k} "
            "evaluaties).</p>" + fig("evaluaties"))
    if not org and ev.get("remarks"):
        html += "<ul>" + "".join(f"<li>{escape(r)}</li>" for r in ev["remarks"]) + "</ul>"
    out.append(("evaluaties", f"<div class='leerkring-summary'>{html}</div>"))

    title = "Gedeeld met de organisatie" if org else "Inzichten en stille kennis"
    html = f"<h2>{title}</h2>" + _texts(doc["shared_entries"], with_kring=rollup)
    if doc.get("shared_entries_truncated"):
        html += f"<p>En nog {doc['shared_entries_truncated']} eerdere bijdragen.</p>"
    html += "<h2>Lessen</h2>" + _texts(doc["lessons"], "Geen lessen in deze periode.", with_kring=rollup)
    if doc.get("lessons_truncated"):
        html += f"<p>En nog {doc['lessons_truncated']} eerdere lessen.</p>"
    out.append(("teksten", f"<div class='leerkring-summary'>{html}</div>"))
    return out


def _period(doc) -> str:
    from leerkring.summary.period import Period
    import datetime as dt

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
        {"text/html": "\n".join(html for _, html in parts),
         "text/plain": " ".join(f"[{section}]" for section, _ in parts)},
        metadata={"leerkring": {"target": target, "sections": [section for section, _ in parts]}})
