"""A small HTML exporter for the split summary notebooks: one self-contained page per summary.

nbconvert's HTML exporter embeds JupyterLab's full stylesheet (about 260 kB per file), renders through a
Jinja template tree and then re-parses the whole page with BeautifulSoup; for a notebook without code
inputs that only shows rich HTML outputs that is nearly all overhead (about 0.1 s per summary). This
exporter writes the same content (markdown cells rendered, every output in order, inputs hidden) with
a short inline stylesheet. Nothing is loaded from the network: no scripts, no external stylesheets.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape

PAGE_STYLE = """
body{margin:0;background:#fff;color:#222;font-family:system-ui,-apple-system,'Segoe UI',sans-serif;line-height:1.45}
main{max-width:62rem;margin:0 auto;padding:1rem 1.5rem 3rem}
.lk-markdown code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.92em;background:#f3f3f3;padding:0 .2em}
.lk-output{margin:.5rem 0}
.lk-output pre{white-space:pre-wrap;background:#f7f7f7;padding:.5rem}
svg.leerkring-chart{max-width:100%;height:auto}
"""

_markdown = None


@lru_cache(maxsize=64)
def markdown_html(source: str) -> str:
    """Markdown cells (written by us, in the notebook) as HTML; raw HTML in them is escaped. Every
    split notebook has the same markdown cells, so each is rendered once per run."""
    global _markdown
    if _markdown is None:
        import mistune

        _markdown = mistune.create_markdown(escape=True, plugins=["table", "strikethrough"])
    return _markdown(source)


def output_html(output) -> str:
    """One output of a code cell, by the richest type we show (HTML, SVG, PNG, plain text)."""
    kind = output.get("output_type")
    if kind == "stream":
        return f"<pre>{escape(''.join(output.get('text', '')))}</pre>"
    if kind == "error":
        return f"<pre>{escape(output.get('ename', ''))}: {escape(output.get('evalue', ''))}</pre>"
    data = output.get("data", {})
    for mime in ("text/html", "image/svg+xml"):
        if mime in data:
            value = data[mime]
            return value if isinstance(value, str) else "".join(value)
    if "image/png" in data:
        png = data["image/png"]
        png = png if isinstance(png, str) else "".join(png)
        alt = data.get("text/plain")
        alt = escape(alt if isinstance(alt, str) and alt else "afbeelding", quote=True)
        return f'<img src="data:image/png;base64,{png.strip()}" alt="{alt}">'
    if "text/plain" in data:
        text = data["text/plain"]
        return f"<pre>{escape(text if isinstance(text, str) else ''.join(text))}</pre>"
    return ""


def notebook_html(nb, title: str, *, lang: str = "nl") -> str:
    """The notebook as one HTML page without inputs: markdown cells and outputs, in order."""
    body = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            source = cell.source if isinstance(cell.source, str) else "".join(cell.source)
            body.append(f'<div class="lk-markdown">{markdown_html(source)}</div>')
        elif cell.cell_type == "code":
            for output in cell.get("outputs", []):
                html = output_html(output)
                if html:
                    body.append(f'<div class="lk-output">{html}</div>')
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{PAGE_STYLE}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + "\n</main>\n</body>\n</html>\n"
    )
