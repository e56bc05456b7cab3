"""Synthetic Chinese e-paper pages with known structure, for testing the PDF front end.

Takes a seed (and optionally a source of articles: a JSON file like
``../shared/corpus/rmrb-2025-10-20-articles.json`` or its parsed list); returns a
:class:`PageSpec` (:func:`random_page_spec`), draws it as a one-page PDF with ReportLab
(:func:`render_page`) or many as one issue (:func:`generate_issue`), and returns the
:class:`~tests.synth.scoring.TruthPage` a perfect reconstruction would give.

Variation drawn per page from the seed: page size, 5–8 grid columns, gutters 0.6–1.5 em,
body 8.5–10 pt, leading, 1–3 articles per band (stacked or L-shaped, columns balanced),
rule lines absent or drawn as lines or thin rectangles, boxed articles, headlines of 1–3
lines (fake bold or not, coloured or not, centred or flush left; 'A，B' titles sometimes set
as a couplet 'A　B'), kickers, subtitles, bylines (under the headline or atop the first
column), datelines in another face, subheads, photos with captions above or below and
credits (inline or on their own line), jump markers (上接第1版 atop the first column,
（下转第3版） / 转第2版▲ after the last paragraph or closing it), stand-alone news photos,
invisible text (render mode 3) over photos, page headers/footers (masthead, paper, date,
第N版, section, 责任编辑),
serif/sans/kai faces (one article in ten with its body in another face), glyphs placed
one by one with justification spacing, 2 em paragraph indents, paragraphs across columns,
and the content-stream order of the text (reading order, rows across the page, grouped by
font, or shuffled: the analysis must rely on geometry, not on drawing order).

``split="tune"``/``"holdout"`` draws from disjoint halves of the faces and articles (and
other page sizes) so that figures measured on held-out pages are not tuned ones.

Command line: ``python -m tests.synth.epaper --out DIR --pages N --seed S [--split holdout]
[--issue]`` writes ``page-XXXX.pdf`` and ``page-XXXX.json`` (the truth) for inspection.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from tests.synth.epaper_article import Op, Plan, Styles, plan_article, plan_photo_frame
from tests.synth.epaper_draw import Ink, PageCanvas
from tests.synth.epaper_fonts import face_named, faces_by_style, latin_face
from tests.synth.epaper_layout import Frame, Grid, frame_rules, lower_l_split, plan_frames
from tests.synth.epaper_page import plan_furniture
from tests.synth.epaper_text import SourceArticle, load_articles
from tests.synth.families import FAMILY_STYLES
from tests.synth.scoring import TruthPage, truth_to_dict

PAGE_SIZES = ((842.0, 1191.0), (841.9, 1190.6), (800.0, 1130.0), (864.0, 1224.0),
              (900.0, 1300.0), (935.0, 1474.0), (780.0, 1100.0))
HOLDOUT_PAGE_SIZES = ((760.0, 1080.0), (880.0, 1260.0), (990.0, 1400.0), (842.0, 1191.0))

__all__ = ["PageSpec", "random_page_spec", "render_page", "generate_issue"]


@dataclass(frozen=True)
class PageSpec:
    """Every page-wide choice; details inside frames come from ``seed`` when drawn."""

    seed: int
    width: float
    height: float
    columns: int
    gutter_em: float
    body_size: float
    leading: float
    body_face: str
    head_faces: tuple[str, ...]
    kicker_face: str
    byline_face: str
    caption_face: str
    subhead_face: str
    furniture_face: str
    dateline_face: str | None
    rules: str  # "none" | "line" | "rect" | "mixed"
    fake_bold: float  # probability that a headline is drawn fake bold
    bold_offset_em: float  # fake-bold offset, 0.02–0.06 em
    page_number: int = 1
    date: str = "2025-10-20"
    paper: str | None = None  # None: chosen so that it collides with no article text
    masthead: bool = False
    stream_order: str = "reading"  # "reading" | "rows" | "by_face" | "shuffled"
    boxed: float = 0.0  # probability that a rectangular article is framed by a box
    invisible_text: float = 0.0  # probability of invisible (render mode 3) text over photos
    family: str | None = None  # a style family's press habits (tests.synth.families)
    latin_face: str | None = None  # TrueType file for Latin letters and digits in CJK text
    side_label: bool = False  # a furniture label turned 90° in the left margin
    text_runs: bool = False  # lines drawn as text runs with Tc spacing (else glyph by glyph)
    articles: tuple[SourceArticle, ...] = field(default=(), repr=False, compare=False)


def random_page_spec(seed: int, articles_source: Path | str | Sequence[dict] | None = None,
                     split: str | None = None) -> PageSpec:
    """A deterministic random page specification for ``seed``.

    ``split`` keeps tuning and evaluation apart: "tune" and "holdout" draw from disjoint
    halves of the faces (per style, when a style has two or more), disjoint quarters of the
    articles (3/4 tune, 1/4 holdout) and different page sizes and leading; None uses all.
    """
    if split not in (None, "tune", "holdout"):
        raise ValueError(f"split must be None, 'tune' or 'holdout', not {split!r}")
    rng = random.Random(f"epaper-spec-{seed}")
    styles = faces_by_style()
    articles = load_articles(articles_source)
    leading = (1.3, 1.6)
    sizes = PAGE_SIZES
    if split is not None:
        half = 0 if split == "tune" else 1
        styles = {k: (v[half::2] if len(v) >= 2 else v) for k, v in styles.items()}
        keep = [a for i, a in enumerate(articles) if (i % 4 == 3) == (split == "holdout")]
        articles = tuple(keep) or articles
        if split == "holdout":
            sizes, leading = HOLDOUT_PAGE_SIZES, (1.25, 1.7)
    width, height = rng.choice(sizes)
    body_style = rng.choices(("serif", "sans", "kai"), (0.7, 0.15, 0.15))[0]

    def pick(*prefer: str) -> str:
        return rng.choice(styles[rng.choice(prefer)]).name

    page_number = rng.randint(1, 16)
    start = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(3 * 365))
    return PageSpec(
        seed=seed, width=width, height=height,
        columns=rng.randint(5, 8),
        gutter_em=round(rng.uniform(0.6, 1.5), 2),
        body_size=round(rng.uniform(8.5, 10.0), 2),
        leading=round(rng.uniform(*leading), 2),
        body_face=pick(body_style),
        head_faces=tuple(pick("sans", "serif", "kai", "sans") for _ in range(3)),
        kicker_face=pick("kai", "serif", "sans"),
        byline_face=pick("kai", "sans", "serif"),
        caption_face=pick("kai", "sans", "serif"),
        subhead_face=pick("sans", "kai"),
        furniture_face=pick("sans", "serif"),
        dateline_face=pick("sans", "kai") if rng.random() < 0.5 else None,
        rules=rng.choices(("none", "line", "rect", "mixed"), (0.25, 0.35, 0.2, 0.2))[0],
        fake_bold=rng.choice((0.0, 0.5, 1.0)),
        bold_offset_em=round(rng.uniform(0.02, 0.06), 3),
        page_number=page_number,
        date=start.isoformat(),
        masthead=page_number == 1 and rng.random() < 0.7,
        articles=articles,
        stream_order=rng.choices(("reading", "rows", "by_face", "shuffled"),
                                 (0.5, 0.2, 0.15, 0.15))[0],
        boxed=rng.choice((0.0, 0.0, 0.1, 0.25)),
        invisible_text=rng.choice((0.0, 0.0, 0.0, 1.0)),
    )


def _styles(spec: PageSpec, rng: random.Random) -> Styles:
    body = spec.body_size
    latin = latin_face(spec.latin_face) if spec.latin_face else None
    return Styles(
        body=Ink(face_named(spec.body_face), body, latin=latin),
        leading=spec.leading,
        head_faces=tuple(face_named(n) for n in spec.head_faces),
        kicker=Ink(face_named(spec.kicker_face), round(body * rng.uniform(1.25, 1.7), 2)),
        byline=Ink(face_named(spec.byline_face), round(body * rng.uniform(0.95, 1.1), 2)),
        caption=Ink(face_named(spec.caption_face), round(body * rng.uniform(0.85, 0.98), 2)),
        subhead=Ink(face_named(spec.subhead_face), round(body * rng.uniform(1.0, 1.2), 2),
                    bold_offset=spec.bold_offset_em if rng.random() < 0.4 else 0.0),
        dateline=Ink(face_named(spec.dateline_face), body) if spec.dateline_face else None,
        fake_bold=spec.fake_bold,
        bold_offset=spec.bold_offset_em,
        page_number=spec.page_number,
        press=FAMILY_STYLES[spec.family] if spec.family else None,
    )


def _plan_frames(spec: PageSpec, grid: Grid, styles: Styles, rng: random.Random
                 ) -> tuple[list[Frame], list[tuple[Frame, Plan]]]:
    frames = plan_frames(grid, styles.line_height, rng)
    pool = list(range(len(spec.articles)))
    rng.shuffle(pool)
    used: set[int] = set()
    date = dt.date.fromisoformat(spec.date)
    plans: list[tuple[Frame, Plan]] = []
    chars_per_line = grid.column_width / spec.body_size
    # an L's big frame first: its headline group decides where the frame under it starts
    order = sorted(enumerate(list(frames)), key=lambda kf: not kf[1].l_shaped)
    for k, frame in order:
        if frame not in frames:  # absorbed by an L's big frame
            continue
        if frame.kind == "photo":
            source = spec.articles[pool[k % len(pool)]] if pool else None
            plans.append((frame, plan_photo_frame(frame, grid, source, styles,
                                                  random.Random(f"{spec.seed}-photo-{k}"))))
            continue
        capacity = sum((b - t) / styles.line_height for t, b in frame.spans.values()) \
            * chars_per_line * 0.8
        free = [i for i in pool if i not in used] or pool
        long_enough = [i for i in free if spec.articles[i].length >= capacity]
        candidates = long_enough[:4] + [i for i in free if i not in long_enough[:4]][:4]
        best: tuple[float, int, Plan] | None = None
        for i in candidates:
            plan = plan_article(frame, grid, spec.articles[i], styles,
                                random.Random(f"{spec.seed}-frame-{k}-{i}"), date)
            if plan.truth is not None and frame.l_shaped and lower_l_split(
                    frames, frame, plan.head_bottom, styles.line_height, _corner_gap(frame)):
                plan = plan_article(frame, grid, spec.articles[i], styles,
                                    random.Random(f"{spec.seed}-frame-{k}-{i}"), date)
            if plan.truth is not None and (best is None or plan.fill > best[0]):
                best = (plan.fill, i, plan)
            if best and best[0] >= 0.8:
                break
        if best is not None:
            used.add(best[1])
            plans.append((frame, best[2]))
    return frames, plans


def _corner_gap(big: Frame) -> float:
    """The gap between an L's short columns and the frame under them."""
    small = big.partner
    if small is None:
        return 0.0
    c = next(c for c in big.columns if c in small.spans)
    return small.spans[c][0] - big.spans[c][1]


def _draw_page(canvas: Canvas, spec: PageSpec) -> TruthPage:
    rng = random.Random(f"epaper-page-{spec.seed}")
    styles = _styles(spec, rng)
    pc = PageCanvas(canvas, spec.height, deferred=spec.stream_order != "reading",
                    runs=spec.text_runs)
    margin_x = rng.uniform(26, 50)
    margin_top = rng.uniform(22, 40)
    margin_bottom = rng.uniform(22, 40)
    furniture = plan_furniture(spec, rng, margin_x, margin_top, margin_bottom)
    grid = Grid(margin_x, furniture.content_top, spec.width - margin_x,
                furniture.content_bottom, spec.columns, spec.gutter_em * spec.body_size)
    frames, placed = _plan_frames(spec, grid, styles, rng)
    plans = [p for _, p in placed]
    article_text = "".join(p.text for p in plans)
    furniture_ops, furniture_texts = furniture.finish(article_text, rng)
    groups = [p.ops for p in plans] + [furniture_ops]
    groups.append(_extras(spec, grid, styles, placed, rng))
    if spec.side_label:
        label = _side_label(spec, article_text + "".join(furniture_texts))
        furniture_texts.append(label)
        ink = Ink(face_named(spec.furniture_face), 10.0)
        groups.append([lambda pc: pc.rotated(margin_x * 0.6, spec.height * 0.55, label, ink)])
    if rng.random() < 0.5:
        rng.shuffle(groups)
    for ops in groups:
        for op in ops:
            op(pc)
    pc.flush(spec.stream_order, rng)
    if spec.rules != "none":
        width = rng.uniform(0.4, 1.0)
        for x0, y0, x1, y1 in frame_rules(grid, frames):
            as_rect = spec.rules == "rect" or (spec.rules == "mixed" and rng.random() < 0.5)
            pc.rule(x0, y0, x1, y1, width, as_rect)
    return TruthPage(
        articles=[p.truth for p in plans if p.truth is not None],
        captions=[c for p in plans for c in p.loose_captions],
        furniture=furniture_texts,
    )


def _side_label(spec: PageSpec, taken: str) -> str:
    """A label for the margin that occurs nowhere else on the page."""
    from tests.synth.epaper_text import SECTIONS

    rng = random.Random(f"side-{spec.seed}")
    options = [f"{s}{tail}" for s in SECTIONS for tail in ("周刊", "专版", "·深读")]
    rng.shuffle(options)
    return next((o for o in options if o not in taken), options[0])


def _extras(spec: PageSpec, grid: Grid, styles: Styles, placed: list[tuple[Frame, Plan]],
            rng: random.Random) -> list[Op]:
    """Boxes around some rectangular articles; invisible text (render mode 3) over photos."""
    ops: list[Op] = []
    for frame, plan in placed:
        if plan.truth is None or frame.l_shaped or rng.random() > spec.boxed:
            continue
        pad_x = grid.gutter * 0.35
        pad_y = styles.line_height * 0.35
        x0, x1 = grid.x0(frame.columns[0]) - pad_x, grid.x1(frame.columns[-1]) + pad_x
        top, bottom = frame.top - pad_y, frame.bottom + pad_y
        width = rng.uniform(0.5, 1.2)
        ops.append(lambda pc, b=(x0, top, x1, bottom), w=width: pc.box(*b, w))
    if rng.random() < spec.invisible_text:
        hidden = replace(styles.body, invisible=True)
        texts = [a.title for a in spec.articles[:20]]
        for _, plan in placed:
            for x0, top, x1, bottom in plan.photos:
                text = rng.choice(texts)[: max(1, int((x1 - x0) // styles.body.size))]
                base = (top + bottom) / 2
                ops.append(lambda pc, x=x0, b=base, t=text: pc.text(x, b, t, hidden))
    return ops


def render_page(spec: PageSpec, path: Path) -> TruthPage:
    """Draw ``spec`` as a one-page PDF at ``path``; return its known structure."""
    canvas = Canvas(str(path), pagesize=(spec.width, spec.height), pageCompression=1)
    truth = _draw_page(canvas, spec)
    canvas.showPage()
    canvas.save()
    return truth


def generate_issue(seed: int, n_pages: int, path: Path,
                   articles_source: Path | str | Sequence[dict] | None = None,
                   split: str | None = None) -> list[TruthPage]:
    """An ``n_pages`` issue (one paper, one date, one page size) as one PDF at ``path``."""
    first = random_page_spec(seed * 1000, articles_source, split)
    rng = random.Random(f"epaper-issue-{seed}")
    from tests.synth.epaper_text import PAPERS
    paper = rng.choice(PAPERS)
    canvas = Canvas(str(path), pagesize=(first.width, first.height), pageCompression=1)
    truths = []
    for i in range(n_pages):
        spec = first if i == 0 else random_page_spec(seed * 1000 + i, articles_source, split)
        spec = replace(spec, width=first.width, height=first.height, page_number=i + 1,
                       date=first.date, paper=paper, masthead=i == 0,
                       articles=first.articles)
        truths.append(_draw_page(canvas, spec))
        canvas.showPage()
    canvas.save()
    return truths


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--pages", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--issue", action="store_true", help="one multi-page PDF instead")
    parser.add_argument("--split", choices=("tune", "holdout"), help="faces/articles/sizes half")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.issue:
        truths = generate_issue(args.seed, args.pages, args.out / "issue.pdf",
                                split=args.split)
        (args.out / "issue.json").write_text(json.dumps(
            [truth_to_dict(t) for t in truths], ensure_ascii=False, indent=1), "utf-8")
        return 0
    for i in range(args.pages):
        spec = random_page_spec(args.seed + i, split=args.split)
        truth = render_page(spec, args.out / f"page-{args.seed + i:04d}.pdf")
        (args.out / f"page-{args.seed + i:04d}.json").write_text(
            json.dumps(truth_to_dict(truth), ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
