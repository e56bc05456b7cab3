"""Plan and draw one article (or one stand-alone photo) inside a frame of a synthetic page.

Takes a :class:`~tests.synth.epaper_layout.Frame`, the grid, a
:class:`~tests.synth.epaper_text.SourceArticle`, the page's :class:`Styles` and a
``random.Random``; returns a :class:`Plan`: the drawing operations and the
:class:`~tests.synth.scoring.TruthArticle` (or caption) they produce. Planning draws nothing,
so a page can try several articles for a frame and keep the one that fills it best. Only
whole paragraphs are placed; a paragraph flows from the bottom of one column to the top of
the next; the truth holds exactly what is drawn.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from tests.synth.epaper_draw import Ink, PageCanvas, ink_faces
from tests.synth.epaper_fonts import Face, advance
from tests.synth.epaper_layout import Frame, Grid
from tests.synth.epaper_press import press_choices, with_latin
from tests.synth.epaper_text import (
    NO_END,
    NO_START,
    SourceArticle,
    break_lines,
    make_bylines,
    make_caption,
    make_dateline,
    make_kicker,
    make_subtitle,
)
from tests.synth.families import FamilyStyle
from tests.synth.scoring import TruthArticle, TruthCaption

Op = Callable[[PageCanvas], None]


@dataclass(frozen=True)
class Styles:
    """The inks of one page; headline/kicker faces vary per article from ``head_faces``."""

    body: Ink
    leading: float  # line height / body size
    head_faces: tuple[Face, ...]
    kicker: Ink
    byline: Ink
    caption: Ink
    subhead: Ink
    dateline: Ink | None
    fake_bold: float  # probability that a headline is fake bold
    bold_offset: float  # em
    page_number: int = 1  # jump markers point to other pages
    press: FamilyStyle | None = None  # a style family's habits (tests.synth.epaper_press)

    @property
    def line_height(self) -> float:
        return self.body.size * self.leading


@dataclass
class Plan:
    ops: list[Op] = field(default_factory=list)
    truth: TruthArticle | None = None
    loose_captions: list[TruthCaption] = field(default_factory=list)
    fill: float = 0.0  # share of body line slots used
    text: str = ""  # all article text drawn (for furniture collision checks)
    photos: list[tuple[float, float, float, float]] = field(default_factory=list)
    head_bottom: float = 0.0  # bottom of the headline group (kicker … head bylines)


def split_title(title: str, lines: int) -> list[str]:
    """``title`` in ``lines`` parts of similar length, preferring breaks after punctuation."""
    if lines <= 1 or len(title) < 2 * lines:
        return [title]
    parts: list[str] = []
    rest = title
    for k in range(lines, 1, -1):
        target = len(rest) / k
        best, best_cost = None, 1e9
        for i in range(2, len(rest) - 1):
            if (rest[i] in NO_START or rest[i - 1] in NO_END or rest[i - 1:i + 1] in ("——", "……")
                    or (rest[i].isascii() and rest[i - 1].isascii())):
                continue
            cost = abs(i - target) - (2.5 if rest[i - 1] in "，、：；！？” " else 0)
            if cost < best_cost:
                best, best_cost = i, cost
        if best is None:
            break
        parts.append(rest[:best])
        rest = rest[best:]
    return parts + [rest]


def _headline_lines(title: str, width: float, ink: Ink, body: float, rng: random.Random
                    ) -> tuple[list[str], float]:
    base = rng.uniform(body * 1.9, body * (4.2 if width > 300 else 2.8))
    wanted = rng.choices((1, 2, 3), (0.5, 0.35, 0.15))[0]
    for count in range(wanted, 6):
        lines = split_title(title, count)
        unit = max(_width(line, replace(ink, size=1.0)) for line in lines)
        size = min(base, 0.94 * width / unit)
        if size >= body * 1.5 or count >= 5:
            return lines, size
    return lines, size


def _width(text: str, ink: Ink) -> float:
    """Width of ``text`` in the faces it is drawn with (Latin letters and digits in
    ``ink.latin`` when set: measuring them in the CJK face ran lines past their column)."""
    return sum(advance(face.name, ch, ink.size)
               for face, ch in zip(ink_faces(ink, text), text, strict=True))


def fitted(text: str, ink: Ink, width: float) -> Ink:
    """``ink`` made smaller when ``text`` would run past ``width`` in it."""
    natural = _width(text, ink)
    return ink if natural <= width else replace(ink, size=ink.size * width / natural * 0.99)


def plan_article(frame: Frame, grid: Grid, article: SourceArticle, styles: Styles,
                 rng: random.Random, date: dt.date) -> Plan:
    """Headline group, optional photo, then whole paragraphs flowed through the columns.

    One article in ten sets its body in the byline face (a commentary column in kai, say).
    """
    plan = Plan()
    if rng.random() < 0.1 and styles.byline.face != styles.body.face:
        styles = replace(styles, body=replace(styles.body, face=styles.byline.face))
    body = styles.body
    lh = styles.line_height
    cols = frame.columns
    x0, x1 = grid.x0(cols[0]), grid.x1(cols[-1])
    colw = grid.column_width
    y = frame.top
    face = rng.choice(styles.head_faces)
    head_ink = Ink(face, 1.0, (0.62, 0.05, 0.05) if rng.random() < 0.15 else (0, 0, 0),
                   styles.bold_offset if rng.random() < styles.fake_bold else 0.0,
                   rng.random() < 0.6)
    headline, kicker = make_kicker(article, rng)
    if rng.random() < 0.55 or frame.height() < lh * 24:
        kicker = None
    press = None
    if styles.press is not None:  # its own random stream: pages without a family unchanged
        prng = random.Random(f"press-{article.title}-{frame.top}-{x0}")
        press = press_choices(styles.press, prng, date, article.paragraphs[0])
        article = replace(article, paragraphs=with_latin(article.paragraphs, styles.press,
                                                         prng))
        kicker = press.kicker or kicker  # the generator's own 引题/副题 frequencies kept
        head_ink = replace(head_ink, hscale=press.hscale, outlined=press.outlined)
    subtitle = make_subtitle(article, rng) if rng.random() < 0.3 else None
    bylines = make_bylines(article, rng)
    byline_in_head = rng.random() < 0.5
    lines, size = _headline_lines(headline, x1 - x0, head_ink, body.size, rng)
    truth_headline = "".join(lines)
    couplet = _couplet(headline, random.Random(f"couplet-{headline}-{frame.top}-{x0}"))
    if couplet:  # 引领未来，中国做对了什么 set as two halves: 引领未来　中国做对了什么
        first, second = couplet
        lines, size = _headline_lines(first + "\u3000" + second, x1 - x0, head_ink, body.size,
                                      random.Random(size))
        if len(lines) > 1:
            lines, size = [first, second], min(size, 0.94 * (x1 - x0) / max(
                _width(t, replace(head_ink, size=1.0)) for t in (first, second)))
        truth_headline = f"{first} {second}"
    head_ink = replace(head_ink, size=size / head_ink.hscale if head_ink.hscale > 1 else size)
    shown_headline = None
    if head_ink.outlined:
        shown_headline, truth_headline = truth_headline, ""
    centred = rng.random() < 0.7

    def put(text: str, ink: Ink, baseline: float) -> None:
        if centred:
            plan.ops.append(lambda pc: pc.centered(x0, x1, baseline, text, ink))
        else:
            plan.ops.append(lambda pc: pc.text(x0, baseline, text, ink))

    if kicker:
        kink = replace(styles.kicker, size=min(styles.kicker.size, 0.9 * (x1 - x0) / max(
            1.0, _width(kicker, replace(styles.kicker, size=1.0)))))
        put(kicker, kink, y + kink.size * 0.9)
        y += kink.size * 1.5
    for line in lines:
        put(line, head_ink, y + size * 0.9)
        y += size * 1.22
    if subtitle:
        sink = replace(styles.kicker, size=min(styles.kicker.size, 0.9 * (x1 - x0) / max(
            1.0, _width(subtitle, replace(styles.kicker, size=1.0)))))
        put(subtitle, sink, y + sink.size * 1.0)
        y += sink.size * 1.7
    byline_texts = [f"{p}{' ' if p else ''}{n}" for p, n in bylines]
    byline_names = [n for _, n in bylines]
    if press is not None:
        byline_texts = [t for t, _ in press.bylines]
        byline_names = [n for _, names in press.bylines for n in names]
        bylines = [("", t) for t in byline_texts]
    if bylines and byline_in_head:
        joined = "  ".join(byline_texts)
        texts = [joined] if _width(joined, styles.byline) < (x1 - x0) * 0.9 else byline_texts
        for t in texts:
            put(t, fitted(t, styles.byline, x1 - x0), y + styles.byline.size * 1.1)
            y += styles.byline.size * 1.6
    plan.head_bottom = y
    y += lh * rng.uniform(0.5, 1.0)
    plan.text = headline + (kicker or "") + (subtitle or "")

    tops = {c: y for c in cols}
    bottoms = {c: frame.spans[c][1] for c in cols}
    captions = _plan_photo(plan, frame, grid, article, styles, rng, tops, bottoms)

    items: list[tuple[str, str]] = []
    if bylines and not byline_in_head:
        items += [("byline", t) for t in byline_texts]
    dateline = None
    # the dateline opens the first paragraph, after a subhead set over it (（一）)
    opening = next((i for i in range(len(article.paragraphs)) if i not in article.subheads), 0)
    first = article.paragraphs[opening]
    if rng.random() < 0.4 and not re.match(r"^(本报|新华社|据)", first):
        dateline = make_dateline(rng, date)
    if press is not None:
        dateline = press.dateline[0] if press.dateline else None
        byline_names += list(press.dateline[1]) if press.dateline else []
    invented = _invented_subheads(article, rng)
    jumps = _jump_markers(random.Random(f"jump-{headline}-{frame.top}-{x0}"),
                          styles.page_number)
    if jumps.start:
        items.append(("jump", jumps.start))
    for i, p in enumerate(article.paragraphs):
        if i in invented:
            items.append(("subhead", invented[i]))
        items.append(("subhead" if i in article.subheads else "paragraph",
                      (dateline + p) if (i == opening and dateline) else p))
    if jumps.end:
        items = _with_end_jump(items, jumps, counts_for=lambda its: _flow(
            [], its, _slot_counts(frame, cols, tops, bottoms, body, lh), grid, tops, styles,
            len(dateline or ""), colw)[0])
    counts = _slot_counts(frame, cols, tops, bottoms, body, lh)
    ops: list[Op] = []
    blocks, used = _flow(ops, items, counts, grid, tops, styles, len(dateline or ""), colw)
    total = sum(counts.values())
    if used < total and rng.random() < 0.85:  # balance the columns, as papers do
        for cap in range(1, max(counts.values()) + 1):
            if sum(min(n, cap) for n in counts.values()) < used:
                continue
            balanced: list[Op] = []
            got, _ = _flow(balanced, items, {c: min(n, cap) for c, n in counts.items()}, grid,
                           tops, styles, len(dateline or ""), colw)
            if got == blocks:
                ops = balanced
                break
    plan.ops += ops
    plan.fill = used / max(1, total)
    if not any(role == "paragraph" for role, _ in blocks):
        return Plan()
    plan.text += "".join(t for _, t in blocks) + "".join(byline_texts)
    plan.truth = TruthArticle(
        headline=truth_headline, kicker=kicker, subtitle=subtitle,
        bylines=byline_names, blocks=[b for b in blocks if b[0] != "jump"],
        captions=captions, continuations=[t for r, t in blocks if r == "jump"],
        shown_headline=shown_headline)
    return plan


def _slot_counts(frame: Frame, cols: tuple[int, ...] | list[int], tops: dict[int, float],
                 bottoms: dict[int, float], body: Ink, lh: float) -> dict[int, int]:
    counts = {c: max(0, int((bottoms[c] - tops[c] - body.size) // lh) + 1) for c in cols}
    return {c: (n if n >= 3 else 0) for c, n in counts.items()}  # no 1–2 line stubs


@dataclass(frozen=True)
class Jumps:
    """Jump markers of an article continued from / on another page, and how they are set."""

    start: str | None = None  # 上接第1版, on its own line atop the first column
    end: str | None = None  # （下转第3版）, after the last paragraph placed
    inline: bool = False  # the end marker closes the last paragraph instead of its own line


def _jump_markers(rng: random.Random, page_number: int) -> Jumps:
    """One article in five continued from an earlier page, one in five on a later one."""
    start = end = None
    if page_number > 1 and rng.random() < 0.2:
        number = rng.randint(1, page_number - 1)
        start = rng.choice((f"上接第{number}版", f"（上接第{number}版）", f"▲上接第{number}版"))
    if rng.random() < 0.2:
        number = page_number + rng.randint(1, 6)
        end = rng.choice((f"转第{number}版", f"（下转第{number}版）", f"转第{number}版▲",
                          f"（转第{number}版）"))
    inline = end is not None and end.startswith("（") and rng.random() < 0.5
    return Jumps(start, end, inline)


def _with_end_jump(items: list[tuple[str, str]], jumps: Jumps,
                   counts_for: Callable[[list[tuple[str, str]]], list[tuple[str, str]]]
                   ) -> list[tuple[str, str]]:
    """``items`` cut after the last block that fits, then the end marker (on its own line
    or closing the last paragraph); unchanged when the marker leaves no room."""
    placed = counts_for(items)
    kept: list[tuple[str, str]] = []
    done = 0
    for item in items:
        if done == len(placed):
            break
        kept.append(item)
        if item[0] != "byline":
            done += 1
    while kept and kept[-1][0] != "paragraph":
        kept.pop()
    if not any(role == "paragraph" for role, _ in kept):
        return items
    assert jumps.end is not None
    trial = kept + [("jump_inline" if jumps.inline else "jump", jumps.end)]
    got = counts_for(trial)
    return trial if sum(r == "jump" for r, _ in got) == 1 + bool(jumps.start) else items


def _couplet(headline: str, rng: random.Random) -> tuple[str, str] | None:
    """Two halves of a 'A，B' headline, sometimes printed as a couplet without the comma."""
    match = re.fullmatch(r"([^，。！？“”（）]{4,14})，([^，。！？“”（）]{4,14})", headline)
    return (match.group(1), match.group(2)) if match and rng.random() < 0.35 else None


def _invented_subheads(article: SourceArticle, rng: random.Random) -> dict[int, str]:
    """Subheads for an article that has none: short clauses of the paragraph they precede."""
    if article.subheads or len(article.paragraphs) < 6 or rng.random() > 0.3:
        return {}
    out: dict[int, str] = {}
    i = rng.randint(2, 4)
    while i < len(article.paragraphs) - 1:
        pieces = [p for p in re.split(r"[\s，。！？；：、“”（）《》…—]", article.paragraphs[i])
                  if 5 <= len(p) <= 14]
        if pieces:
            out[i] = rng.choice(pieces)
        i += rng.randint(3, 6)
    return out


def _caption_lines(text: str, credit: str, width: float, ink: Ink, rng: random.Random
                   ) -> list[tuple[str, bool, bool]]:
    """(line, justify, right-aligned) lines of a caption with its credit inline or apart."""
    def measure(ch: str) -> float:
        return _width(ch, ink)

    if rng.random() < 0.5:
        lines = break_lines(text + "  " + credit, width, measure)
        return [(ln, i < len(lines) - 1, False) for i, ln in enumerate(lines)]
    lines = break_lines(text, width, measure)
    return [(ln, i < len(lines) - 1, False) for i, ln in enumerate(lines)] + [(credit, False, True)]


def _draw_caption(plan: Plan, lines: list[tuple[str, bool, bool]], x0: float, x1: float,
                  top: float, ink: Ink, cap_lh: float) -> None:
    for k, (text, justify, right) in enumerate(lines):
        base = top + ink.size * 0.9 + k * cap_lh
        if right:
            plan.ops.append(lambda pc, t=text, b=base: pc.right(x1, b, t, ink))
        else:
            plan.ops.append(lambda pc, t=text, b=base, j=justify: pc.justified(x0, b, x1 - x0,
                                                                            t, ink, j))


def _plan_photo(plan: Plan, frame: Frame, grid: Grid, article: SourceArticle, styles: Styles,
                rng: random.Random, tops: dict[int, float], bottoms: dict[int, float]
                ) -> list[TruthCaption]:
    cols = frame.columns
    lh = styles.line_height
    if rng.random() > 0.55 or min(bottoms[c] - tops[c] for c in cols) < lh * 14:
        return []
    width = rng.randint(max(1, len(cols) // 2), max(1, len(cols) - (len(cols) > 2)))
    start = rng.choice((0, len(cols) - width)) if rng.random() < 0.8 else rng.randrange(
        len(cols) - width + 1)
    pcols = cols[start:start + width]
    px0, px1 = grid.x0(pcols[0]), grid.x1(pcols[-1])
    room = min(bottoms[c] - tops[c] for c in pcols)
    photo_h = min((px1 - px0) * rng.uniform(0.55, 0.8), room * 0.45)
    text, credit = make_caption(article, rng)
    ink = styles.caption
    cap_lh = ink.size * 1.45
    lines = _caption_lines(text, credit, px1 - px0, ink, rng)
    cap_h = len(lines) * cap_lh
    gap = ink.size * 0.5
    stack = photo_h + gap + cap_h
    at_top = rng.random() < 0.6
    above = rng.random() < 0.25
    top = tops[pcols[0]] if at_top else min(bottoms[c] for c in pcols) - stack
    photo_top = top + (cap_h + gap if above else 0)
    cap_top = top if above else top + photo_h + gap
    seed = rng.random()
    plan.ops.append(lambda pc: pc.photo(px0, photo_top, px1, photo_top + photo_h,
                                        random.Random(seed)))
    plan.photos.append((px0, photo_top, px1, photo_top + photo_h))
    _draw_caption(plan, lines, px0, px1, cap_top, ink, cap_lh)
    for c in pcols:
        if at_top:
            tops[c] = top + stack + lh * 0.8
        else:
            bottoms[c] = top - lh * 0.6
    plan.text += text + credit
    return [TruthCaption(text, credit)]


def plan_photo_frame(frame: Frame, grid: Grid, article: SourceArticle | None, styles: Styles,
                     rng: random.Random) -> Plan:
    """A stand-alone news photo filling the frame, its caption (and credit) below."""
    plan = Plan()
    cols = frame.columns
    x0, x1 = grid.x0(cols[0]), grid.x1(cols[-1])
    text, credit = make_caption(article, rng, long=True)
    ink = styles.caption
    cap_lh = ink.size * 1.45
    lines = _caption_lines(text, credit, x1 - x0, ink, rng)
    cap_h = len(lines) * cap_lh
    room = frame.height() - cap_h - ink.size
    photo_h = min(room, (x1 - x0) * rng.uniform(0.6, 1.2))
    top = frame.top + (room - photo_h) * rng.uniform(0.0, 0.5)
    seed = rng.random()
    plan.ops.append(lambda pc: pc.photo(x0, top, x1, top + photo_h, random.Random(seed)))
    plan.photos.append((x0, top, x1, top + photo_h))
    _draw_caption(plan, lines, x0, x1, top + photo_h + ink.size * 0.5, ink, cap_lh)
    plan.loose_captions.append(TruthCaption(text, credit))
    plan.text = text + credit
    plan.fill = 1.0
    return plan


def _flow(ops: list[Op], items: list[tuple[str, str]], counts: dict[int, int], grid: Grid,
          tops: dict[int, float], styles: Styles, dateline_len: int, colw: float
          ) -> tuple[list[tuple[str, str]], int]:
    """Place whole items line by line down the columns (``counts`` lines each, in order);
    appends the drawing operations to ``ops``; returns the truth blocks and lines used."""
    body = styles.body
    lh = styles.line_height
    slots: list[tuple[int, int, bool]] = []  # (column, baseline index, last in its column)
    for c, n in counts.items():
        slots += [(c, k, k == n - 1) for k in range(n)]

    def measure(ch: str) -> float:
        return _width(ch, body)

    pos = 0
    blocks: list[tuple[str, str]] = []
    for idx, (role, text) in enumerate(items):
        if role == "jump_inline":
            continue  # drawn with the paragraph before it
        tail = items[idx + 1][1] if idx + 1 < len(items) and items[idx + 1][0] == "jump_inline" \
            else ""
        if role == "paragraph":
            lines = break_lines(text + tail, colw, measure, first_indent=2 * body.size)
            if pos + len(lines) > len(slots):
                break
            offset = 0
            for k, line in enumerate(lines):
                c, row, _ = slots[pos + k]
                indent = 2 * body.size if k == 0 else 0.0
                base = tops[c] + body.size * 0.88 + row * lh
                head = dateline_len - offset if (idx == _first_paragraph(items)) else 0
                ops.append(_line_op(grid.x0(c) + indent, base, colw - indent, line,
                                         body, styles.dateline if head > 0 else None, head,
                                         k < len(lines) - 1))
                offset += len(line)
            pos += len(lines)
            blocks.append(("paragraph", text))
            if tail:
                blocks.append(("jump", tail))
        elif role == "jump":  # a marker on its own line, flush left, right or centred
            if pos >= len(slots):
                break
            c, row, _ = slots[pos]
            base = tops[c] + body.size * 0.88 + row * lh
            x = grid.x0(c)
            align = len(text) % 3 if idx else 0
            ops.append(lambda pc, x=x, b=base, t=text, a=align: (
                pc.right(x + colw, b, t, body) if a == 1 else
                pc.centered(x, x + colw, b, t, body) if a == 2 else pc.text(x, b, t, body)))
            pos += 1
            blocks.append(("jump", text))
        elif role == "subhead":
            lines = break_lines(text, colw, lambda ch: _width(ch, styles.subhead))
            skip = 1 if pos < len(slots) and slots[pos][1] > 0 else 0
            following = items[idx + 1] if idx + 1 < len(items) else None
            if following is None or following[0] != "paragraph":
                break
            if pos + skip < len(slots) and slots[pos + skip][2] and len(lines) == 1:
                skip += 1  # never a subhead on the last line of a column
            need = skip + len(lines) + len(break_lines(following[1], colw, measure,
                                                       2 * body.size))
            if pos + need > len(slots):
                break
            pos += skip
            for line in lines:
                c, row, _ = slots[pos]
                base = tops[c] + body.size * 0.88 + row * lh
                x = grid.x0(c)
                ops.append(lambda pc, x=x, b=base, t=line: pc.centered(
                    x, x + colw, b, t, styles.subhead))
                pos += 1
            blocks.append(("subhead", text))
        else:  # byline at the head of the first column: 记者 / name apart when too wide
            parts = [text] if _width(text, styles.byline) <= colw else text.split(" ", 1)
            if pos + len(parts) > len(slots):
                break
            for part in parts:
                c, row, _ = slots[pos]
                base = tops[c] + body.size * 0.88 + row * lh
                x = grid.x0(c)
                ink = fitted(part, styles.byline, colw)
                ops.append(lambda pc, x=x, b=base, t=part, i=ink: pc.text(x, b, t, i))
                pos += 1
    return blocks, pos


def _first_paragraph(items: list[tuple[str, str]]) -> int:
    return next(i for i, (role, _) in enumerate(items) if role == "paragraph")


def _line_op(x: float, baseline: float, width: float, line: str, ink: Ink, head_ink: Ink | None,
             head: int, justify: bool) -> Op:
    """A body line, its first ``head`` characters (a dateline) drawn in ``head_ink``."""
    if head_ink is None or head <= 0:
        return lambda pc: pc.justified(x, baseline, width, line, ink, justify)
    runs = [(line[:head], head_ink), (line[head:], ink)]

    def draw(pc: PageCanvas) -> None:
        natural = sum(pc.natural_width(t, i) for t, i in runs if t)
        extra = (width - natural) / (len(line) - 1) if justify and len(line) > 1 else 0.0
        cursor = x
        for t, i in runs:
            if t:
                cursor = pc.text(cursor, baseline, t, i, extra) + extra
    return draw
