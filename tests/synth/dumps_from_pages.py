"""Text dumps extracted from composed pages, the way e-paper text exports are made.

Takes a composer (tests/synth/compose.py: reportlab, typst, weasyprint), a style family,
a seed and the split; composes the page, reads its glyphs back from the PDF (pdfplumber,
as any extractor reads them: the composer's own line breaks, justification gaps, fake-bold
copies, horizontally scaled or outlined headlines, rotated labels) and writes a dump:
lines cut where the composer broke them and never across a gutter, article by article
(the export's article threads: each line goes to the article whose text holds it, a
line holding two articles' text — headlines side by side — is cut between them;
text drawn invisible, render mode 3, is no article's and no export holds it),
headline group first, then the body column by column in reading order, a blank line at
each column break and wherever the vertical gap says a new block starts, captions after
their article, furniture at the page's top and foot. Returns (dump bytes, [truth page]).

Two extractors with unlike habits (:data:`EXTRACTORS`):

- ``clean``: fake-bold copies merged, spaces only between Latin words, first-line indents
  as two ideographic spaces, UTF-8 with LF;
- ``raw``: fake-bold copies kept (doubled characters), a space for every wide glyph gap
  (justification), indents as U+FFFD runs (unmapped indent glyphs), CRLF and GBK
  (GB18030 when GBK lacks a character).

Composed PDFs are cached under ``$LAYOUT_SYNTH_CACHE`` (default: a temp folder) by
composer, family, seed, split and a digest of the generator's sources (a change to the
page plans or composers composes afresh), so benchmarks and tests compose each page once.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from tests.synth.scoring import TruthPage

EXTRACTORS = ("clean", "raw")
GUTTER_EM = 0.9  # a gap this wide (in em of the line's size) between glyphs is a gutter
MIN_GUTTER_EM = 0.25  # a narrower gap is a gutter when rows around it leave it empty too
ALIGN_ROWS = 3  # rows looked at above and below
ALIGNED_NEEDED = 2  # of them with a gap at the same place
ALIGNED_SHARE = 0.8  # a gap at the same place overlaps this share of the gap
SPACE_EM = 0.18  # the raw extractor writes a space for a gap this wide
WORD_EM = 0.15  # both write a space for a gap this wide between Latin letters / digits
CAPTION_SIZE = 0.97  # a line this much smaller than the body text, in a caption and the
# body alike, is the caption's
BLOCK_GAP = 1.9  # a vertical gap of this many line pitches starts a new block (blank line)
_HAN = re.compile(r"[\u3400-\u9fff]")
_WS = re.compile(r"\s+")


@dataclass
class Glyph:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    baseline: float


@dataclass
class Line:
    glyphs: list[Glyph]

    @property
    def x0(self) -> float:
        return self.glyphs[0].x0

    @property
    def x1(self) -> float:
        return self.glyphs[-1].x1

    @property
    def top(self) -> float:
        return min(g.top for g in self.glyphs)

    @property
    def bottom(self) -> float:
        return max(g.bottom for g in self.glyphs)

    @property
    def baseline(self) -> float:
        return self.glyphs[0].baseline

    @property
    def size(self) -> float:
        sizes = sorted(g.size for g in self.glyphs)
        return sizes[len(sizes) // 2]

    @property
    def compact(self) -> str:  # the text without spaces
        return _WS.sub("", "".join(g.text for g in self.glyphs))

    @property
    def plain(self) -> str:
        """The text without spaces and with fake-bold copies merged: what the line says
        (the raw extractor keeps the copies; matching against the truth must not)."""
        return _WS.sub("", "".join(g.text for g in merge_fake_bold(self.glyphs)))


def _cache_dir() -> Path:
    path = Path(os.environ.get("LAYOUT_SYNTH_CACHE") or Path(tempfile.gettempdir())
                / "layout-synth-cache")
    path.mkdir(parents=True, exist_ok=True)
    return path


_DUMP_MAKERS = frozenset(("dumps_from_pages.py", "dumps_alt.py", "dump_sources.py",
                          "text_dumps.py"))


@cache
def generator_digest() -> str:
    """A short digest of the sources that make the composed pages and their truth
    (tests/synth's modules and templates; its tests and the dump makers, which read the
    pages, aside): part of the cache key."""
    import hashlib

    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if (path.is_file() and not path.name.startswith("test_") and path.suffix != ".pyc"
                and path.name not in _DUMP_MAKERS):
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def composed_page(composer: str, family: str, seed: int, split: str | None
                  ) -> tuple[Path, TruthPage]:
    """The PDF of a composed page (cached) and its truth."""
    import json

    from tests.synth.compose import compose_page
    from tests.synth.scoring import truth_from_dict, truth_to_dict

    stem = _cache_dir() / f"{composer}-{family}-{seed}-{split or 'none'}-{generator_digest()}"
    pdf, truth_json = stem.with_suffix(".pdf"), stem.with_suffix(".json")
    if pdf.exists() and truth_json.exists():
        return pdf, truth_from_dict(json.loads(truth_json.read_text("utf-8")))
    part = stem.with_suffix(".part.pdf")
    truth = compose_page(composer, seed, family, part, split)
    truth_json.write_text(json.dumps(truth_to_dict(truth), ensure_ascii=False), "utf-8")
    part.replace(pdf)
    return pdf, truth


def read_glyphs(pdf: Path) -> tuple[list[Glyph], list[str]]:
    """Upright glyphs of the first page, and the texts of rotated runs (side labels)."""
    glyphs, labels = _read_glyphs(str(pdf), pdf.stat().st_mtime_ns)
    return list(glyphs), list(labels)


@cache
def _read_glyphs(pdf: str, _mtime: int) -> tuple[tuple[Glyph, ...], tuple[str, ...]]:
    import pdfplumber

    glyphs: list[Glyph] = []
    rotated: list[tuple[float, float, str]] = []
    hidden = _invisible_chars(pdf)
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        for ch in page.chars:
            text = ch["text"]
            if not text or _char_key(text, ch["matrix"]) in hidden:
                continue  # text not printed (render mode 3) is no article's: no export holds it
            if not _upright(ch["matrix"]):
                if not text.isspace():
                    a, b = (float(v) for v in ch["matrix"][:2])
                    along = a * 0.5 * (ch["x0"] + ch["x1"]) - b * 0.5 * (ch["top"] + ch["bottom"])
                    rotated.append((round(ch["x0"] if abs(b) > abs(a) else ch["top"]), along,
                                    text))  # by run across, then along the reading direction
                continue
            size = float(ch.get("size") or (ch["bottom"] - ch["top"]))
            baseline = float(page.height) - float(ch["matrix"][5])  # the glyph's origin
            glyphs.append(Glyph(" " if text.isspace() else text, ch["x0"], ch["x1"],
                                ch["top"], ch["bottom"], size, baseline))
    rotated.sort()
    labels = ["".join(t for _, _, t in rotated)] if rotated else []
    return tuple(glyphs), tuple(labels)


def _char_key(text: str, matrix: Sequence[float]) -> tuple[str, int, int]:
    """A glyph's text and origin (to a tenth of a point): the same in pdfminer and pdfplumber."""
    return text, round(float(matrix[4]) * 10), round(float(matrix[5]) * 10)


def _invisible_chars(pdf: str) -> set[tuple[str, int, int]]:
    """Keys (:func:`_char_key`) of the first page's glyphs drawn with text render mode 3
    (invisible: in the PDF's text, not on the printed page)."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    class ModeAggregator(PDFPageAggregator):
        mode = 0
        found: set[tuple[str, int, int]] = set()

        def render_string(self, textstate: Any, *args: Any, **kwargs: Any) -> None:
            self.mode = textstate.render
            super().render_string(textstate, *args, **kwargs)

        def render_char(self, *args: Any, **kwargs: Any) -> float:
            adv = super().render_char(*args, **kwargs)
            char = self.cur_item._objs[-1]
            if self.mode == 3 and isinstance(char, LTChar):
                self.found.add(_char_key(char.get_text(), char.matrix))
            return adv

    with open(pdf, "rb") as f:
        manager = PDFResourceManager()
        device = ModeAggregator(manager, laparams=None)
        device.found = set()
        interpreter = PDFPageInterpreter(manager, device)
        for page in PDFPage.get_pages(f):
            interpreter.process_page(page)
            break
    return device.found


def _upright(matrix: Sequence[float]) -> bool:
    """A glyph set upright: its text matrix neither rotates nor mirrors it (pdfminer's own
    ``upright`` flag calls a glyph turned by 90 degrees upright)."""
    a, b, c, d = (float(v) for v in matrix[:4])
    return a > 0 and d > 0 and abs(b) <= 0.05 * a and abs(c) <= 0.05 * d


def colliding_glyphs(pdf: Path) -> int:
    """How many glyphs of the page sit on another, different glyph (text set over text:
    columns that collide). Fake-bold copies of the same glyph do not count."""
    glyphs, _ = read_glyphs(pdf)
    cells: dict[tuple[int, int], list[Glyph]] = {}
    count = 0
    for g in glyphs:
        if g.text == " ":
            continue
        key = (round(g.x0 / g.size), round(g.baseline / g.size))
        near = cells.setdefault(key, [])
        if any(o.text != g.text and min(o.x1, g.x1) - max(o.x0, g.x0) > 0.5 * g.size
               and abs(o.baseline - g.baseline) < 0.3 * g.size for o in near):
            count += 1
        near.append(g)
    return count


def merge_fake_bold(glyphs: list[Glyph]) -> list[Glyph]:
    """Fake bold draws each glyph twice, a hair apart: keep one copy."""
    out: list[Glyph] = []
    seen: dict[tuple[str, int, int], Glyph] = {}
    for g in glyphs:
        key = (g.text, round(g.x0 / (0.25 * g.size)), round(g.top / (0.25 * g.size)))
        near = [seen.get((g.text, key[1] + dx, key[2] + dy)) for dx in (-1, 0, 1)
                for dy in (-1, 0, 1)]
        if any(n is not None and abs(n.x0 - g.x0) < 0.15 * g.size
               and abs(n.top - g.top) < 0.15 * g.size for n in near):
            continue
        seen[key] = g
        out.append(g)
    return out


def _rows(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs grouped by baseline, each row left to right."""
    rows: list[list[Glyph]] = []
    for g in sorted(glyphs, key=lambda g: g.baseline):
        for row in reversed(rows[-12:]):
            ref = row[0]
            if abs(ref.baseline - g.baseline) <= 0.3 * min(ref.size, g.size) and (
                    0.5 <= g.size / ref.size <= 2.0):
                row.append(g)
                break
        else:
            rows.append([g])
    for row in rows:
        row.sort(key=lambda g: g.x0)
    return rows


def _gaps(row: list[Glyph]) -> list[tuple[int, float, float]]:
    """(index of the glyph after the gap, gap start, gap end) of every gap in a row wider
    than a fraction of an em that no space glyph bridges."""
    visible = [g for g in row if g.text != " "]
    spacing = sorted(b.x0 - a.x1 for a, b in zip(visible, visible[1:], strict=False))
    usual = max(0.0, spacing[len(spacing) // 2]) if spacing else 0.0  # letter spacing (Tc)
    out = []
    prev: Glyph | None = None
    space: Glyph | None = None
    for k, g in enumerate(row):
        if g.text == " ":
            if prev is not None and g.x0 - prev.x1 < usual + MIN_GUTTER_EM * g.size:
                space = g
            continue
        bridged = space is not None and g.x0 - space.x1 < usual + MIN_GUTTER_EM * g.size
        if prev is not None and not bridged and (
                g.x0 - prev.x1 > usual + MIN_GUTTER_EM * g.size):
            out.append((k, prev.x1, g.x0))
        prev, space = g, None
    return out


def build_lines(glyphs: list[Glyph]) -> list[Line]:
    """Glyphs on one baseline, cut at every gutter: a gap wider than GUTTER_EM, or a gap
    of at least MIN_GUTTER_EM that rows above and below leave empty too (gutters run down
    the page; justification gaps do not line up) — never a gap that the ink of a line
    just above or below (of like size) runs across: a gutter is empty all the way down,
    a wide justification gap sits between full lines."""
    rows = _rows(glyphs)
    gaps = [_gaps(row) for row in rows]
    lines: list[Line] = []
    for r, row in enumerate(rows):
        cuts = set()
        for k, x0, x1 in gaps[r]:
            size = row[k].size
            near = range(max(0, r - 2 * ALIGN_ROWS), min(len(rows), r + 2 * ALIGN_ROWS + 1))
            # the rows around it with ink of like size near the gap (rows of other columns
            # set on another baseline grid, interleaved with these, do not count)
            inked = [q for q in near if q != r and _inked_near(rows[q], x0, x1, size)]
            above = [q for q in inked if q < r][-ALIGN_ROWS:]
            below = [q for q in inked if q > r][:ALIGN_ROWS]
            aligned = sum(
                1 for q in above + below
                if abs(rows[q][0].baseline - row[0].baseline) < 8 * size
                and any(min(b, x1) - max(a, x0) >= max(MIN_GUTTER_EM * size,
                                                         ALIGNED_SHARE * (x1 - x0))
                        for _, a, b in gaps[q]))
            sides = _strip_sides(
                [rows[q] for q in near if q != r], x0, x1, row[0].baseline, size)
            opened = not (True in sides and False not in sides)
            if opened and (x1 - x0 > GUTTER_EM * size or (
                    aligned >= ALIGNED_NEEDED and False in sides) or (
                    aligned and sides == [False, False])):  # open above and below: a
                # gutter beside a column's last lines (one overhanging its edge), which
                # rows further down do not reach
                cuts.add(k)
        current: list[Glyph] = []
        for k, g in enumerate(row):
            if k in cuts and current:
                lines.append(Line(_with_spaces(current)))
                current = []
            current.append(g)
        if current:
            lines.append(Line(_with_spaces(current)))
    return [line for line in lines if line.glyphs]


def _inked_near(row: list[Glyph], x0: float, x1: float, size: float) -> bool:
    """The row has ink of like size near the gap [x0, x1]."""
    return any(g.text != " " and 0.8 <= g.size / size <= 1.25
               and g.x0 < x1 + NEAR_EM * size and g.x1 > x0 - NEAR_EM * size for g in row)


NEIGHBOUR_PITCH = 2.5  # a row this many em above or below is a neighbouring line


def _strip_sides(neighbours: list[list[Glyph]], x0: float, x1: float, baseline: float,
                 size: float) -> list[bool | None]:
    """For the nearest lines above and below the gap [x0, x1] (of like size, within
    NEIGHBOUR_PITCH em, with ink near the gap): whether its ink covers the whole gap
    (None: no such line, or one whose ink stops short of the gap: no evidence). The gap
    opens onto a gutter unless one side covers it and the
    other does not leave a strip open — a justification gap sits between full lines of
    its column (or over nothing, at a column's foot); a gutter is open below a byline or
    title set across it. A narrow gap (a Latin word's or digit's spacing) is a gutter only
    where a neighbour shows the strip open: with no line near it on either side (short
    last lines around it) it is a gap inside a line."""
    above = below = None
    for row in neighbours:
        ref = row[0]
        dy = ref.baseline - baseline
        if abs(dy) > NEIGHBOUR_PITCH * size or not 0.8 <= ref.size / size <= 1.25:
            continue
        near = [(g.x0, g.x1) for g in row if g.text != " "
                and g.x0 < x1 + NEAR_EM * size and g.x1 > x0 - NEAR_EM * size]
        if not near:
            continue
        if dy < 0 and (above is None or dy > above[0]):
            above = (dy, near)
        elif dy > 0 and (below is None or dy < below[0]):
            below = (dy, near)
    def covers(spans: list[tuple[float, float]]) -> bool | None:
        if _covers(spans, x0, x1, size):
            return True
        # open: no evidence of a gutter where all the line's ink near the gap stops an em
        # or more short of it (a short line's end leaves any strip right of it open)
        return None if all(b <= x0 - size for _, b in spans) else False

    return [covers(side[1]) if side else None for side in (above, below)]


NEAR_EM = 3.0  # ink this close to a gap (in em) makes a line a neighbour of it


def _covers(spans: list[tuple[float, float]], x0: float, x1: float, size: float) -> bool:
    """The spans leave no strip of [x0, x1] MIN_GUTTER_EM wide open."""
    edge = x0
    for a, b in sorted(spans):
        if min(a, x1) - edge >= MIN_GUTTER_EM * size:
            return False
        edge = max(edge, b)
    return x1 - edge < MIN_GUTTER_EM * size


def _with_spaces(glyphs: list[Glyph]) -> list[Glyph]:
    """A line's glyphs: space glyphs kept once between visible ones, none at the edges."""
    out: list[Glyph] = []
    for g in glyphs:
        if g.text == " " and (not out or out[-1].text == " "):
            continue
        out.append(g)
    while out and out[-1].text == " ":
        out.pop()
    return out


def _line_text(line: Line, extractor: str) -> str:
    """A line's text: a space for a space glyph, between Latin letters or digits set
    apart, and (raw) for every gap wider than the line's letter spacing."""
    visible = [g for g in line.glyphs if g.text != " "]
    spacing = sorted(b.x0 - a.x1 for a, b in zip(visible, visible[1:], strict=False))
    usual = max(0.0, spacing[len(spacing) // 2]) if spacing else 0.0
    out = ""
    prev: Glyph | None = None
    for g in line.glyphs:
        if g.text == " ":
            out += " "
            prev = None
            continue
        if prev is not None:
            gap = g.x0 - prev.x1
            latin = prev.text[-1:].isascii() and prev.text[-1:].isalnum() and (
                g.text[:1].isascii() and g.text[:1].isalnum())
            if (latin and gap > usual + WORD_EM * g.size) or (
                    extractor == "raw" and gap > usual + SPACE_EM * g.size):
                out += " "
        out += g.text
        prev = g
    return out


@dataclass
class _Group:
    """The lines of one article (or of the furniture, or of loose captions)."""

    head: list[Line]
    body: list[Line]
    captions: list[Line]


def _norm(text: str | None) -> str:
    return _WS.sub("", text or "")


def assign_lines(lines: list[Line], truth: TruthPage
                 ) -> tuple[list[_Group], list[Line], list[Line]]:
    """Each line to the article whose text holds it (ties: the nearest line above it in the
    same column), else to the furniture or the loose captions."""
    heads = [_norm(a.kicker) + "|" + _norm(a.headline) + "|" + _norm(a.subtitle)
             for a in truth.articles]
    # an article's jump markers (▲上接第4版) sit in its columns like its paragraphs
    bodies = ["|".join([_norm(t) for _, t in a.blocks] + [_norm(c) for c in a.continuations])
              for a in truth.articles]
    # a caption line may run from its text into its credit (…增势。本报记者叶新摄)
    captions = ["|".join(_norm(c.text) + _norm(c.credit) for c in a.captions)
                for a in truth.articles]
    names = [[_norm(n) for n in a.bylines] for a in truth.articles]
    furniture = "|".join(_norm(f) for f in truth.furniture)
    furniture_run = "".join(_norm(f) for f in truth.furniture)  # items side by side: 第14版要闻
    furniture_items = {_norm(f) for f in truth.furniture}
    loose = "|".join(_norm(c.text) + _norm(c.credit) for c in truth.captions)
    groups = [_Group([], [], []) for _ in truth.articles]
    sizes = sorted(g.size for line in lines for g in line.glyphs)
    body_size = sizes[len(sizes) // 2] if sizes else 10.0
    pending: list[tuple[Line, list[tuple[int, str]]]] = []
    furn: list[Line] = []
    loose_lines: list[Line] = []
    held = "|".join(heads + bodies + captions + [furniture, loose])
    lines = [part for line in lines for part in split_threads(line, held)]
    for line in sorted(lines, key=lambda x: (x.baseline, x.x0)):
        text = line.plain
        if text in furniture_items:
            furn.append(line)
            continue
        where: list[tuple[int, str]] = []
        for k in range(len(truth.articles)):
            in_body = text in bodies[k]
            in_caption = text in captions[k]
            if text in heads[k] and not (in_body and line.size < 1.15 * body_size):
                where.append((k, "head"))
            elif in_caption and (not in_body or line.size < CAPTION_SIZE * body_size):
                where.append((k, "captions"))  # a caption repeating a body sentence
            elif in_body:
                where.append((k, "body"))
            elif any(n and n in text for n in names[k]):
                where.append((k, "head"))  # a byline: the names and role words
        if not where and (text in furniture or text in furniture_run):
            furn.append(line)
            continue
        if not where and text in loose:
            loose_lines.append(line)
            continue
        pending.append((line, where))
    placed: list[tuple[Line, int]] = []
    parts: dict[int, str] = {}  # id of a placed line -> the part of its article it is in
    # lines only one article holds first; then lines several hold (a kicker two articles
    # share: 百姓故事) go with the nearest placed line above or below them, and text no
    # article holds (a byline's role words on a line of their own: 新华社记者, over the
    # names) with the nearest placed line above or below, in that line's part
    for line, where in pending:
        if len({k for k, _ in where}) == 1:
            getattr(groups[where[0][0]], where[0][1]).append(line)
            placed.append((line, where[0][0]))
            parts[id(line)] = where[0][1]
    unique = list(placed)
    for line, where in pending:
        if len({k for k, _ in where}) == 1:
            continue
        k, part = _nearest(line, unique if where else placed, where, below=True,
                           parts=parts)
        if k < 0:
            furn.append(line)
            continue
        getattr(groups[k], part).append(line)
        placed.append((line, k))
    return groups, furn, loose_lines


def split_threads(line: Line, held: str) -> list[Line]:
    """The line, or its two parts at a gap between glyphs when the line's text is in no
    article (``held``: every article's texts, ``|`` between them) and each part's is: an
    export that writes article by article never puts two articles in one line (two
    headlines side by side, a gap narrower than a gutter between them)."""
    if line.plain in held:
        return [line]
    visible = [k for k, g in enumerate(line.glyphs) if g.text != " "]
    cuts = sorted(
        ((line.glyphs[b].x0 - line.glyphs[a].x1, b) for a, b in zip(visible, visible[1:],
                                                                  strict=False)),
        reverse=True)
    for gap, k in cuts:
        if gap <= 0:
            break
        left = Line(_with_spaces(line.glyphs[:k]))
        right = Line(_with_spaces(line.glyphs[k:]))
        if left.plain in held and right.plain in held:
            return [left, right]
    return [line]


def _nearest(line: Line, placed: list[tuple[Line, int]], where: list[tuple[int, str]],
             below: bool = False, parts: dict[int, str] | None = None) -> tuple[int, str]:
    """The article of the nearest placed line above (or, with ``below``, above or below)
    in the same column, among ``where`` (none: any article, in the part ``parts`` gives
    that line)."""
    allowed = {k for k, _ in where}
    best: tuple[float, int] | None = None
    nearest: Line | None = None
    for other, k in placed:
        if allowed and k not in allowed:
            continue
        if other.x1 < line.x0 or other.x0 > line.x1:
            continue
        if other.top <= line.top:
            distance = line.top - other.bottom
        elif below:
            distance = other.top - line.bottom
        else:
            continue
        if best is None or distance < best[0]:
            best, nearest = (distance, k), other
    if best is None:
        return (where[0] if where else (-1, "body"))
    if not where and parts is not None and nearest is not None:
        return best[1], parts.get(id(nearest), "body")
    part = next((p for k, p in where if k == best[1]), "body")
    return best[1], part


def _columns(lines: list[Line]) -> list[list[Line]]:
    """Lines in columns (lines that overlap horizontally), left to right, each top down."""
    columns: list[tuple[list[float], list[Line]]] = []
    widths = sorted(x.x1 - x.x0 for x in lines)
    typical = widths[len(widths) // 2] if widths else 0.0
    # lines of a column's width define the columns; wider ones (set across) join later
    order = sorted(lines, key=lambda x: (x.x1 - x.x0 > 1.25 * typical, -(x.x1 - x.x0)))
    for line in order:
        best, best_overlap = None, 0.0
        trim = min(0.6 * line.size, 0.25 * (line.x1 - line.x0))  # no hanging marks
        inner = (line.x0 + trim, line.x1 - trim)
        for extent, members in columns:
            overlap = min(extent[1], inner[1]) - max(extent[0], inner[0])
            if overlap > best_overlap:
                best, best_overlap = (extent, members), overlap
        if best is None:
            columns.append(([inner[0], inner[1]], [line]))
        else:
            best[1].append(line)
            if line.x1 - line.x0 <= 1.25 * typical:
                best[0][0], best[0][1] = min(best[0][0], inner[0]), max(best[0][1], inner[1])
    # top down by their tops: a drop cap (its baseline lines up with a lower line) comes
    # before the lines set beside it
    out = [sorted(members, key=lambda x: (x.top, x.x0)) for _, members in columns]
    out.sort(key=lambda c: (min(x.x0 for x in c), c[0].top))
    return out


def _left_edge(column: list[Line]) -> float:
    """The column's left edge: where most of its lines start."""
    starts = sorted(round(x.x0) for x in column)
    return starts[len(starts) // 4] if starts else 0.0


def _write_lines(out: list[str], lines: Sequence[Line], extractor: str,
                 column_left: float | None) -> None:
    """Lines one after the other; a blank line where a new block starts: a wide vertical
    gap, or (the clean extractor, which groups text into blocks by size) a size change."""
    previous: Line | None = None
    for line in lines:
        resized = previous is not None and extractor == "clean" and not (
            0.87 <= line.size / previous.size <= 1.15)
        if previous is not None and (resized or line.top - previous.bottom > (
                BLOCK_GAP * line.size - (previous.bottom - previous.top))):
            out.append("")
        text = _line_text(line, extractor)
        shift = line.x0 - column_left if column_left is not None else 0.0
        if 1.5 * line.size < shift < 2.7 * line.size and len(line.compact) > 3:  # an indent
            text = ("\ufffd" * 3 if extractor == "raw" else "\u3000\u3000") + text
        out.append(text)
        previous = line


def render_dump(groups: list[_Group], furniture: list[Line], loose: list[Line],
                extractor: str) -> str:
    out: list[str] = []
    top = [x for x in furniture if x.top < 0.5 * max((y.bottom for y in furniture), default=1)]
    _write_lines(out, sorted(top, key=lambda x: (x.baseline, x.x0)), extractor, None)
    for group in groups:
        out.append("")
        _write_lines(out, sorted(group.head, key=lambda x: (x.baseline, x.x0)), extractor, None)
        for column in _columns(group.body):
            out.append("")
            _write_lines(out, column, extractor, _left_edge(column))
        for column in _columns(group.captions):
            out.append("")
            _write_lines(out, column, extractor, None)
    for column in _columns(loose):
        out.append("")
        _write_lines(out, column, extractor, None)
    rest = [x for x in furniture if x not in top]
    if rest:
        out.append("")
        _write_lines(out, sorted(rest, key=lambda x: (x.baseline, x.x0)), extractor, None)
    text = "\n".join(out)
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"
    return text


def dump_page(composer: str, family: str, seed: int, split: str | None, extractor: str
              ) -> tuple[bytes, list[TruthPage]]:
    """A dump of one composed page and its truth."""
    pdf, truth = composed_page(composer, family, seed, split)
    return dump_from_pdf(pdf, truth, extractor)


def dump_from_pdf(pdf: Path, truth: TruthPage, extractor: str
                  ) -> tuple[bytes, list[TruthPage]]:
    """A dump of the first page of ``pdf`` (whose truth is ``truth``) by ``extractor``."""
    glyphs, rotated = read_glyphs(pdf)
    if extractor == "clean":
        glyphs = merge_fake_bold(glyphs)
    groups, furniture, loose = assign_lines(build_lines(glyphs), truth)
    text = render_dump(groups, furniture, loose, extractor)
    if rotated:
        text += "\n" + "\n".join(rotated) + "\n"
    if extractor == "raw":
        text = text.replace("\n", "\r\n")
        try:
            return text.encode("gbk"), [truth]
        except UnicodeEncodeError:
            return text.encode("gb18030"), [truth]
    return text.encode("utf-8"), [truth]


@cache
def available_composers() -> tuple[str, ...]:
    """The composers tests/synth/compose.py offers whose engine is installed."""
    from tests.synth.compose import COMPOSERS

    out = []
    for composer in COMPOSERS:
        module = {"reportlab": "reportlab", "typst": "typst", "weasyprint": "weasyprint"}[composer]
        try:
            __import__(module)
        except ImportError:
            continue
        if composer == "weasyprint":
            try:
                __import__("tests.synth.compose_weasy")
            except ImportError:
                continue
        out.append(composer)
    return tuple(out)


def sources() -> Iterator[tuple[str, str, Callable[[int, bool], tuple[bytes, list[TruthPage]]]]]:
    """(composer label, family, make(seed, holdout)) for every composer × family × extractor."""
    from tests.synth.plan import FAMILIES

    for composer in available_composers():
        for extractor in EXTRACTORS:
            for family in FAMILIES:
                def make(seed: int, holdout: bool, c: str = composer, f: str = family,
                         e: str = extractor) -> tuple[bytes, list[TruthPage]]:
                    return dump_page(c, f, seed, "holdout" if holdout else "tune", e)
                yield f"{composer}.{extractor}", family, make
