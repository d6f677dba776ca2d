"""The Section type, the view of one summary document it renders, and the HTML helpers both pages use.

A section is one part of a summary (the leer-mix, the actieleren loop, the signals, ...). It renders the
summary document twice: :meth:`Section.html` for the summary page (``summaries/<audience>/...html``, a
document to read and print) and :meth:`Section.dashboard_html` for the management dashboard (figures in
key-figure tiles, charts with their numbers in a table). Both take their title, labels and charts from
the one section, so the two pages cannot drift apart. Every text from a summary is escaped.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Mapping

from leerkring.sections.document import (
    AUDIENCES,
    as_dict,
    as_list,
    is_complementary,
    is_rollup,
    is_suppressed,
    number,
    show,
)

MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
MAX_MONTHS = 24  # dashboard charts over time show at most the last two years
MAX_ITEMS = 25  # texts listed per dashboard section


class View:
    """One summary document as a section sees it."""

    __slots__ = ("doc", "names", "audience", "org", "rollup", "k")

    def __init__(self, doc: dict, names: Mapping[str, str] | None = None):
        self.doc = doc
        self.names = names or {}  # kring slug -> display name (the dashboard's)
        self.audience = doc.get("audience")
        self.org = self.audience == "organisatie"
        self.rollup = is_rollup(doc)
        self.k = doc.get("min_group_size", "k")


class Section:
    """One section of the summary page and the dashboard. Subclass it and override what applies:

    - ``key`` (unique, also the HTML id), ``title`` (Dutch), ``order`` (the page shows sections by it);
    - ``titles``: a title per audience where it differs (e.g. ``{"kring": "Lessen"}``);
    - ``audiences``: the summaries the section appears in (``kring``, ``organisatie``);
    - :meth:`html` (summary page), :meth:`dashboard_html` (dashboard), :meth:`charts` (the chart
      specifications of the summary page; their titles and text alternatives also go into the JSON).

    An empty string from a render method leaves the section out of that page. A small section needs no
    subclass: ``Section(key="eigen", title="Ons eigen overzicht", order=95, html=lambda view: "...")``
    (keywords set the attributes and methods above).
    """

    key: str = ""
    title: str = ""
    order: int = 1000
    titles: Mapping[str, str] = {}
    audiences: frozenset[str] = frozenset(AUDIENCES)

    def __init__(self, **attributes):
        for name, value in attributes.items():
            if not hasattr(type(self), name):
                raise TypeError(f"Section has no attribute {name!r}")
            setattr(self, name, value)

    def title_for(self, audience: str | None) -> str:
        return self.titles.get(audience, self.title)

    def charts(self, doc: dict) -> list:
        """The charts of this section on the summary page (``leerkring.sections.charts.ChartSpec``)."""
        return []

    def html(self, view: View) -> str:
        """The section on the summary page (HTML, without the page's wrapper)."""
        return ""

    def dashboard_html(self, view: View) -> str:
        """The section on the dashboard (HTML inside the dashboard's ``.lk`` block)."""
        return ""

    def __repr__(self) -> str:
        return f"<Section {self.key} order={self.order}>"


# -- HTML helpers for both pages -------------------------------------------------------------------
def esc(value) -> str:
    """Any value from a summary, as HTML text."""
    return html.escape("" if value is None else str(value), quote=True)


class Safe(str):
    """HTML built here (already escaped); table cells of this type are not escaped again."""


def table(
    headers: list[str], rows: list[list], caption: str = "", numeric=frozenset(), *, row_headers: bool = True
) -> str:
    """A table; cells are escaped unless they are :class:`Safe`. With ``row_headers`` the first cell of
    each row is a row header (the dashboard); the summary page has plain cells."""
    out = ["<table>"]
    if caption:
        out.append(f"<caption>{esc(caption)}</caption>")
    out.append("<thead><tr>" + "".join(f'<th scope="col">{esc(h)}</th>' for h in headers) + "</tr></thead><tbody>")
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            body = cell if isinstance(cell, Safe) else esc(cell)
            if i == 0 and row_headers:
                cells.append(f'<th scope="row">{body}</th>')
            elif i in numeric:
                cells.append(f'<td class="lk-n">{body}</td>')
            else:
                cells.append(f"<td>{body}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def month_label(month: str) -> str:
    """'2026-03' as 'mrt 2026'."""
    try:
        year, mon = str(month).split("-")
        return f"{MONTHS[int(mon) - 1]} {year}"
    except (ValueError, IndexError):
        return str(month)


# -- the summary page ------------------------------------------------------------------------------
def value(v) -> Safe:
    """A figure on the summary page: the number, or the marker's reason marked as suppressed."""
    text = esc(show(v))
    return Safe(f'<span class="onderdrukt">{text}</span>' if is_suppressed(v) else text)


def text_list(items, empty="Niets in deze periode.", with_kring=False) -> str:
    """Texts (entries, lessons) on the summary page: date, kring (in the roll-up) and kind, then the text."""
    if not items:
        return f"<p>{esc(empty)}</p>"
    lis = []
    for it in items:
        meta = [it.get("date") or ""]
        if with_kring and it.get("kring"):
            meta.append(it["kring"])
        if it.get("kind"):
            meta.append(it["kind"].replace("_", " "))
        lis.append(f"<li><span class='meta'>{esc(' · '.join(m for m in meta if m))}</span>: {esc(it['text'])}</li>")
    return "<ul>" + "".join(lis) + "</ul>"


def plain_table(headers, rows) -> str:
    """A table on the summary page (cells already HTML)."""
    return table(headers, [[c if isinstance(c, Safe) else Safe(c) for c in row] for row in rows], row_headers=False)


# -- the dashboard ---------------------------------------------------------------------------------
#: Why a figure is hidden although enough people stand behind it (secondary suppression).
COMPLEMENTARY_TEXT = "verborgen zodat een klein aantal ernaast niet uit het totaal terug te rekenen is"


def suppressed_text(k, v=None) -> str:
    """Why a figure is hidden: too few people behind it, or (``v`` a complementary marker) only so that
    a small figure beside it cannot be worked out by subtraction."""
    if is_complementary(v):
        return f"onderdrukt: {COMPLEMENTARY_TEXT}"
    return f"onderdrukt: minder dan {esc(k)} deelnemers"


def hidden_note(values, k) -> str:
    """'2 waarde(n) onderdrukt: minder dan 3 deelnemers; 1 ...: verborgen zodat ...' for the suppressed
    figures among ``values`` ('' when none is), each group with its own reason."""
    values = list(values)
    small = sum(1 for v in values if is_suppressed(v) and not is_complementary(v))
    second = sum(1 for v in values if is_complementary(v))
    parts = []
    if small:
        parts.append(f"{small} waarde(n) onderdrukt: minder dan {k} deelnemers")
    if second:
        parts.append(f"{second} waarde(n) {COMPLEMENTARY_TEXT}")
    return "; ".join(parts)


def fmt_number(n, decimals: int = 1) -> str:
    if isinstance(n, int) and not isinstance(n, bool):
        return f"{n:,}".replace(",", ".")
    return f"{n:.{decimals}f}".replace(".", ",")


def figure_value(v, k, decimals: int = 1, unit: str = "") -> Safe:
    """A figure on the dashboard: the number, 'onderdrukt: ...', or a dash when there is nothing."""
    if is_suppressed(v):
        return Safe(f'<span class="lk-onderdrukt">{suppressed_text(k, v)}</span>')
    n = number(v, None)
    if n is None:
        return Safe('<span class="lk-muted" aria-label="geen gegevens">–</span>')
    return Safe(esc(fmt_number(n, decimals)) + (f" {esc(unit)}" if unit else ""))


def kpis(items: list[tuple[str, Safe]]) -> str:
    """Key figures as tiles."""
    return '<ul class="lk-kpis">' + "".join(f"<li><b>{v}</b>{esc(label)}</li>" for label, v in items) + "</ul>"


def dashboard_figure(svg: str, caption: str, data_table: str = "") -> str:
    """A chart with its caption and, folded away, the table of its figures."""
    details = f"<details><summary>Cijfers bij deze grafiek</summary>{data_table}</details>" if data_table else ""
    return f"<figure>{svg}<figcaption>{esc(caption)}</figcaption>{details}</figure>"


def chart_value(v) -> float:
    n = number(v, None)
    return float(n) if n is not None else 0.0


@functools.lru_cache(maxsize=1)
def _vocabulary_labels() -> dict[str, str]:
    """{key: Dutch label} of leerkring's own vocabularies (kwesties, values, source roles).

    The dashboard never learns the workspace, so a workspace's own terms are not known here; they are
    shown by their key with spaces (see :func:`tag_label`)."""
    import tomllib
    from importlib import resources

    data = tomllib.loads(resources.files("leerkring").joinpath("data", "vocabularies.toml").read_text("utf-8"))
    return {
        str(item["key"]): str(item["label"])
        for group in data.values()
        if isinstance(group, list)
        for item in group
        if isinstance(item, dict) and "key" in item and "label" in item
    }


def tag_label(key) -> str:
    """A label (tag) as people read it: 'generalist_specialist' becomes 'Generalist versus specialist'."""
    key = str(key)
    return _vocabulary_labels().get(key) or key.replace("_", " ")


def dashboard_texts(title: str, items: list, truncated, names: Mapping[str, str], empty: str) -> str:
    """Texts on the dashboard: at most MAX_ITEMS, with kring, date and tags, and how many more there are."""
    items = [i for i in items if isinstance(i, dict) and i.get("text")]
    out = [f"<h3>{esc(title)}</h3>"]
    if not items:
        return out[0] + f'<p class="lk-muted">{esc(empty)}</p>'
    out.append('<ul class="lk-texts">')
    for item in items[:MAX_ITEMS]:
        meta = [names.get(str(item.get("kring")), item.get("kring")), item.get("date")]
        tags = ", ".join(tag_label(t) for t in as_list(item.get("tags"))[:8])
        meta_html = ", ".join(esc(m) for m in meta if m)
        tag_html = f' <span class="lk-muted lk-tags">(labels: {esc(tags)})</span>' if tags else ""
        meta_span = f' <span class="lk-muted">({meta_html})</span>' if meta_html else ""
        out.append(f"<li>{esc(item.get('text'))}{meta_span}{tag_html}</li>")
    out.append("</ul>")
    more = max(0, len(items) - MAX_ITEMS) + (number(truncated, None) or 0)
    if more:
        out.append(f'<p class="lk-muted">En nog {esc(fmt_number(int(more)))} die hier niet getoond worden.</p>')
    return "".join(out)


__all__ = [
    "MAX_ITEMS",
    "MAX_MONTHS",
    "Safe",
    "Section",
    "View",
    "as_dict",
    "chart_value",
    "dashboard_figure",
    "dashboard_texts",
    "esc",
    "figure_value",
    "fmt_number",
    "hidden_note",
    "kpis",
    "month_label",
    "plain_table",
    "suppressed_text",
    "table",
    "tag_label",
    "text_list",
    "value",
]
