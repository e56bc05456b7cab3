"""Renderer speed: pages per second for body text, ours against ReportLab's own CJK wrapping.

Takes the People's Daily articles of the shared corpus (or the built-in test paragraphs when
../shared is absent), sets the same paragraphs at the same size, leading, indent and frame
with (a) ``layout.render.pdf.render_issues`` and (b) ReportLab ``Paragraph(wordWrap='CJK')``
in a SimpleDocTemplate, in the same run, and prints seconds, pages and pages/s for each and
the ratio. Fonts are registered before timing; each side is run ``--repeat`` times, best kept.

    python benchmarks/render_speed.py                  # A4, 1 column
    python benchmarks/render_speed.py --page-size A5 --columns 2 --repeat 5
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def count_pages(data: bytes) -> int:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)


def _paragraphs(limit: int) -> list[str]:
    from tests.shared_corpus import corpus_path

    source = corpus_path("rmrb-2025-10-20-articles.json")
    if source is not None:
        articles = json.loads(source.read_text(encoding="utf-8"))
        paragraphs = [p for a in articles for p in a.get("paragraphs") or ()]
    else:
        from tests.render.samples import BUILTIN_PARAGRAPHS
        paragraphs = list(BUILTIN_PARAGRAPHS) * 200
    return paragraphs[:limit]


def run_ours(paragraphs: list[str], page_size: str, columns: int = 1) -> tuple[float, bytes]:
    from layout.model import Article, Block, Issue, Page, Role
    from layout.render.options import RenderOptions
    from layout.render.pdf import render_issues
    from layout.settings import Settings

    article = Article(id="a1", blocks=tuple(Block(Role.PARAGRAPH, text=p) for p in paragraphs))
    issue = Issue(source="bench", pages=(Page(number=1, articles=(article,)),))
    stream = io.BytesIO()
    start = time.perf_counter()
    render_issues([issue], stream, RenderOptions(page_size=page_size, columns=columns,
                                                 table_of_contents=False), Settings())
    return time.perf_counter() - start, stream.getvalue()


def run_reportlab(paragraphs: list[str], page_size: str, columns: int = 1) -> tuple[float, bytes]:
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

    from layout.render.fonts import load_font_set
    from layout.render.options import MM, RenderOptions
    from layout.render.styles import theme_for
    from layout.settings import Settings

    body = theme_for("print").body
    settings = Settings().render
    margin = settings.margin_mm * MM
    fonts = load_font_set()
    style = ParagraphStyle("body", fontName=fonts.ensure(fonts.body), fontSize=body.size,
                           leading=body.line_height, firstLineIndent=2 * body.size,
                           alignment=TA_JUSTIFY, wordWrap="CJK")
    stream = io.BytesIO()
    start = time.perf_counter()
    width, height = RenderOptions(page_size=page_size).page_size_pt
    gap = settings.column_gap_mm * MM
    column = (width - 2 * margin - gap * (columns - 1)) / columns
    frames = [Frame(margin + i * (column + gap), margin, column, height - 2 * margin,
                    leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
              for i in range(columns)]
    doc = BaseDocTemplate(stream, pagesize=(width, height),
                          pageTemplates=[PageTemplate("body", frames)])
    doc.build([Paragraph(p, style) for p in paragraphs])
    return time.perf_counter() - start, stream.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page-size", default="A4")
    parser.add_argument("--columns", type=int, default=1, choices=(1, 2))
    parser.add_argument("--paragraphs", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    paragraphs = _paragraphs(args.paragraphs)
    chars = sum(len(p) for p in paragraphs)
    run_ours(paragraphs[:5], args.page_size, args.columns)  # register fonts, warm caches
    run_reportlab(paragraphs[:5], args.page_size, args.columns)
    results = {}
    for name, runner in (("layout (ours)", run_ours), ("ReportLab CJK", run_reportlab)):
        best, data = min((runner(paragraphs, args.page_size, args.columns)
                          for _ in range(args.repeat)),
                         key=lambda pair: pair[0])
        pages = count_pages(data)
        results[name] = pages / best
        print(f"{name:15s} {len(paragraphs)} paragraphs, {chars} chars: {pages} pages "
              f"in {best:.2f} s = {pages / best:.1f} pages/s, {len(data) / 1024:.0f} KiB")
    ours, theirs = results["layout (ours)"], results["ReportLab CJK"]
    print(f"ratio: ReportLab is {theirs / ours:.2f}x our speed (target: at most 2x)")


if __name__ == "__main__":
    main()
