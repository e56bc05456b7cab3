"""The WeasyPrint composer: a :class:`~tests.synth.plan.PagePlan` laid out as HTML/CSS.

Takes a page plan and an output path; writes a one-page PDF and returns the plan that was
drawn (the truth is ``plan.truth()``). Pango shapes and breaks the lines, CSS multi-column
layout balances each article's columns (``column-fill: balance``), bands are flex rows
with vertical rules between slots, the running head and footer are page-margin boxes, and
press habits are CSS: ``transform: scaleX`` for scaled headlines, a second absolutely
placed copy for fake bold, floated drop caps, a rotated side label, ``unicode-range``
Latin faces for words and numbers inside Chinese lines, SVG outlines for outlined
headlines. Faces come by family name through fontconfig (system CJK faces) or by
``@font-face`` (the bundled ones). Text is fitted by laying the page out, reading each
slot's height off the box tree and dropping whole paragraphs until every slot fits its
share of the page.
"""

from __future__ import annotations

import html
import random
import tempfile
from dataclasses import replace
from pathlib import Path

from tests.synth.epaper_draw import random_photo
from tests.synth.outline import write_outlined_heads
from tests.synth.plan import ArticlePlan, FaceRef, PagePlan, Photo, PhotoSlot
from tests.synth.plan_make import shrink_plan

HEAD_ROOM = 34.0  # pt above the content box for the running head
FOOT_ROOM = 22.0
MAX_TRIES = 8


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _family(face: FaceRef) -> str:
    """The CSS family name, single-quoted (it goes into style attributes too)."""
    return f"'F-{face.name}'" if face.path.endswith((".ttf", ".otf")) else f"'{face.family}'"


def _font_css(plan: PagePlan) -> str:
    f = plan.fonts
    faces = {x.name: x for x in (f.body, f.kicker, f.byline, f.caption, f.subhead,
                                 f.furniture, *f.head)}
    rules = [f'@font-face {{ font-family: "F-Latin"; src: url("file://{f.latin_path}"); '
             "unicode-range: U+0020-007E, U+00A0-00FF; }"]
    for face in faces.values():
        if face.path.endswith((".ttf", ".otf")):
            rules.append(f'@font-face {{ font-family: "F-{face.name}"; '
                         f'src: url("file://{face.path}"); }}')
    return "\n".join(rules)


def _stack(face: FaceRef) -> str:
    return f"font-family: 'F-Latin', {_family(face)}, 'WenQuanYi Zen Hei', sans-serif;"


def _bold_copy(inner: str, cls: str = "") -> str:
    """``inner`` drawn twice, the copy offset a little: fake bold."""
    return (f'<div class="fb {cls}"><div>{inner}</div>'
            f'<div class="dup" aria-hidden="true">{inner}</div></div>')


def _caption(p: Photo, plan: PagePlan) -> str:
    text = _esc(p.caption)
    credit = f'<span class="credit">{_esc(p.credit)}</span>'
    if p.credit_inline:
        body = f"{text}&#x2003;{credit}"
        return _bold_copy(body, "cap") if p.caption_bold else f'<div class="cap">{body}</div>'
    first = _bold_copy(text, "cap") if p.caption_bold else f'<div class="cap">{text}</div>'
    return first + f'<div class="cap credit-line">{credit}</div>'


def _photos(photos: tuple[Photo, ...], plan: PagePlan, width: float) -> str:
    """Photos side by side across ``width`` points, each with its caption under it."""
    n = len(photos)
    gap = plan.gutter
    each = (width - (n - 1) * gap) / n - 0.5  # no float may wrap for rounding
    cells = "".join(
        f'<div class="ph" style="width: {each:.2f}pt;'
        f'{f" margin-left: {gap:.2f}pt;" if k else ""}">'
        f'<img src="photo-{p.seed}.jpg" style="width: {each:.2f}pt; '
        f'height: {each * p.aspect:.2f}pt"/>{_caption(p, plan)}</div>'
        for k, p in enumerate(photos))
    return f'<div class="photos">{cells}<div class="clear"></div></div>'


def _head(a: ArticlePlan, key: str, plan: PagePlan) -> str:
    faces = {x.name: x for x in plan.fonts.head}
    face = faces[a.head_face]
    align = "center" if a.head_centred else "left"
    color = "rgb({},{},{})".format(*(int(c * 255) for c in a.head_color))
    out = [f'<div class="head" id="head-{key}" style="text-align: {align}">']
    if a.kicker:
        out.append(f'<div class="kicker">{_esc(a.kicker)}</div>')
    if a.head_outlined:
        out.append(f'<img class="outlined" src="head-{key}.svg" '
                   f'style="height: {a.head_size * 1.15 * len(a.headline):.1f}pt"/>')
    else:
        origin = "center" if a.head_centred else "left"
        for k, line in enumerate(a.headline):
            inner = _esc(line)
            span = (f'<span class="hl" style="{_stack(face)} font-size: {a.head_size}pt; '
                    f'color: {color}; transform: scaleX({a.head_scale}); '
                    f'transform-origin: {origin};">{inner}</span>')
            out.append(_bold_copy(span, "hline") if a.head_fake_bold and (k + len(key)) % 2
                       else f'<div class="hline">{span}</div>')
    if a.subtitle:
        out.append(f'<div class="subtitle">{_esc(a.subtitle)}</div>')
    if a.byline_in_head and a.bylines:
        out.append('<div class="byline">' + "&#x2003;&#x2003;".join(
            _esc(b.text) for b in a.bylines) + "</div>")
    out.append("</div>")
    return "".join(out)


def _paragraph(text: str, drop: bool) -> str:
    if not drop:
        return f"<p>{_esc(text)}</p>"
    n = 2 if text[0] in "“‘《（「" else 1
    return f'<p class="dc"><span class="dropcap">{_esc(text[:n])}</span>{_esc(text[n:])}</p>'


def _article(a: ArticlePlan, key: str, plan: PagePlan, width: float) -> str:
    if a.boxed:
        width -= 2 * plan.body_size * 0.6 + 1.6
    parts = [_head(a, key, plan)]
    if a.photos:
        parts.append(_photos(a.photos, plan, width))
    flow = []
    if not a.byline_in_head:
        flow += [f'<p class="byline-col">{_esc(b.text)}</p>' for b in a.bylines]
    for i, (role, text) in enumerate(a.blocks):
        if role == "subhead":
            flow.append(f'<h4 class="subhead">{_esc(text)}</h4>')
        else:
            flow.append(_paragraph(text, a.drop_cap and i == 0))
    parts.append(f'<div class="body" style="column-count: {a.body_columns}">'
                 + "".join(flow) + "</div>")
    inner = "".join(parts)
    return f'<div class="boxed">{inner}</div>' if a.boxed else inner


def page_html(plan: PagePlan) -> str:
    """The HTML document of ``plan`` (photos and outlines referenced by relative URL)."""
    f = plan.fonts
    body, lh, gutter = plan.body_size, plan.leading, plan.gutter
    colw = (plan.width - 2 * plan.margin - (plan.grid_columns - 1) * gutter) / plan.grid_columns
    left, centre, right = (list(plan.header) + ["", "", ""])[:3]
    css = f"""
{_font_css(plan)}
@page {{
  size: {plan.width}pt {plan.height}pt;
  margin: {plan.margin + HEAD_ROOM}pt {plan.margin}pt {plan.margin + FOOT_ROOM}pt;
  @top-left {{ content: {_css_string(left)}; {_stack(f.furniture)} font-size: 11pt;
              border-bottom: 1.2pt solid black; vertical-align: bottom; }}
  @top-center {{ content: {_css_string(centre)}; {_stack(f.furniture)} font-size: 15pt;
                border-bottom: 1.2pt solid black; vertical-align: bottom; }}
  @top-right {{ content: {_css_string(right)}; {_stack(f.furniture)} font-size: 9pt;
               border-bottom: 1.2pt solid black; vertical-align: bottom; }}
  @bottom-left {{ content: {_css_string(" ".join(plan.footer))}; {_stack(f.furniture)}
                 font-size: 8.5pt; border-top: 0.5pt solid black; vertical-align: top; }}
}}
html {{ {_stack(f.body)} font-size: {body}pt; line-height: {lh}; }}
body {{ margin: 0; }}
p {{ margin: 0; text-indent: 2em; text-align: justify; orphans: 1; widows: 1; }}
p.dc {{ text-indent: 0; }}
.dropcap {{ float: left; font-size: {lh * 2:.2f}em; line-height: 1; margin: 0.05em 0.12em 0 0; }}
.byline-col {{ text-indent: 0; {_stack(f.byline)} }}
.subhead {{ {_stack(f.subhead)} font-size: 1.1em; font-weight: normal; text-align: center;
           margin: {lh - 1 + 0.3:.2f}em 0 {lh - 1:.2f}em; break-after: avoid; }}
.band {{ }}
.clear {{ clear: both; height: 0; }}
.slot {{ float: left; }}
.band-rule {{ border-top: 0.6pt solid black; margin: {body * 0.6:.1f}pt 0; }}
.band-gap {{ height: {body * 1.2:.1f}pt; }}
.body {{ column-gap: {gutter:.2f}pt; column-fill: balance; }}
.head {{ margin-bottom: {body * 0.7:.1f}pt; }}
.kicker, .subtitle {{ {_stack(f.kicker)} font-size: 1.3em; line-height: 1.35; }}
.subtitle {{ margin-top: 0.3em; }}
.hline {{ line-height: 1.2; }}
.hl {{ display: inline-block; white-space: nowrap; }}
.byline {{ {_stack(f.byline)} font-size: 1.05em; margin-top: 0.4em; }}
.photos {{ margin-bottom: {body:.1f}pt; }}
.ph {{ float: left; }}
.ph img {{ display: block; margin-bottom: 0.3em; }}
.cap {{ {_stack(f.caption)} font-size: 0.92em; line-height: 1.35; text-align: justify; }}
.credit-line {{ text-align: right; }}
.fb {{ position: relative; }}
.fb .dup {{ position: absolute; left: 0.045em; top: 0.012em; width: 100%; }}
.boxed {{ border: 0.8pt solid black; padding: {body * 0.7:.1f}pt {body * 0.6:.1f}pt; }}
.side {{ position: absolute; left: {-plan.margin * 0.8:.1f}pt; top: 45%;
        transform: rotate(-90deg); transform-origin: left top; {_stack(f.furniture)}
        font-size: 10pt; white-space: nowrap; }}
"""
    out = [f"<html lang='zh-CN'><head><meta charset='utf-8'><style>{css}</style></head><body>"]
    if plan.side_label:
        out.append(f'<div class="side">{_esc(plan.side_label)}</div>')
    for bi, band in enumerate(plan.bands):
        if bi:
            out.append('<div class="band-rule"></div>' if plan.rules
                       else '<div class="band-gap"></div>')
        out.append(f'<div class="band" id="band-{bi}">')
        for si, (s, span) in enumerate(zip(band.slots, band.spans, strict=True)):
            width = span * colw + (span - 1) * gutter - 0.6  # no float may wrap for rounding
            style = f"width: {width:.2f}pt;"
            if si:
                half = gutter / 2
                style += (f" margin-left: {half:.2f}pt; padding-left: {half - 0.5:.2f}pt;"
                          + (" border-left: 0.5pt solid black;" if band.rules_between
                             else " border-left: 0.5pt solid transparent;"))
            key = f"{bi}-{si}"
            inner = (_photos(s.photos, plan, width) if isinstance(s, PhotoSlot)
                     else _article(s, key, plan, width))
            out.append(f'<div class="slot" id="slot-{key}" style="{style}">{inner}</div>')
        out.append('<div class="clear"></div></div>')
    out.append("</body></html>")
    return "".join(out)


def _write_assets(plan: PagePlan, folder: Path) -> None:
    for band in plan.bands:
        for s in band.slots:
            for p in s.photos:
                target = folder / f"photo-{p.seed}.jpg"
                if not target.exists():
                    size = (120, max(20, round(120 * p.aspect)))
                    random_photo(random.Random(p.seed), size).save(target, "JPEG", quality=80)
    write_outlined_heads(plan, folder)


def _heights(document) -> dict[str, float]:
    """Height (pt) of every box whose element has an id, from the first page's box tree."""
    spans: dict[str, tuple[float, float]] = {}
    stack = [document.pages[0]._page_box]
    while stack:
        box = stack.pop()
        element = getattr(box, "element", None)
        key = element.get("id") if element is not None else None
        if key and hasattr(box, "margin_height"):
            top, bottom = box.position_y, box.position_y + box.margin_height()
            lo, hi = spans.get(key, (top, bottom))
            spans[key] = (min(lo, top), max(hi, bottom))
        stack += list(getattr(box, "children", ()))
    return {k: (b - t) * 0.75 for k, (t, b) in spans.items()}  # CSS px → pt


def _fit(plan: PagePlan, heights: dict[str, float]) -> tuple[PagePlan, bool]:
    """``plan`` with paragraphs dropped from each slot taller than its band's share."""
    content = plan.height - 2 * plan.margin - HEAD_ROOM - FOOT_ROOM
    gaps = (len(plan.bands) - 1) * (plan.body_size * 2.4)
    total = sum(b.weight for b in plan.bands)
    changed = False
    bands = []
    for bi, band in enumerate(plan.bands):
        avail = (content - gaps) * band.weight / total * 0.98
        slots = []
        for si, s in enumerate(band.slots):
            height = heights.get(f"slot-{bi}-{si}", 0.0)
            paragraphs = sum(r == "paragraph" for r, _ in getattr(s, "blocks", ()))
            if isinstance(s, ArticlePlan) and height > avail and paragraphs > 1:
                chars = sum(len(t) for _, t in s.blocks)
                head = heights.get(f"head-{bi}-{si}", 0.0)
                keep = chars * max(0.0, avail - head) / max(1.0, height - head)
                blocks, used = [], 0
                for role, text in s.blocks:
                    if used + len(text) > keep and any(r == "paragraph" for r, _ in blocks):
                        break
                    blocks.append((role, text))
                    used += len(text)
                if len(blocks) == len(s.blocks):
                    blocks = blocks[:-1]
                while blocks and blocks[-1][0] == "subhead":
                    blocks.pop()
                s = replace(s, blocks=tuple(blocks))
                changed = True
            slots.append(s)
        bands.append(replace(band, slots=tuple(slots)))
    return replace(plan, bands=tuple(bands)), changed


def compose_weasy(plan: PagePlan, path: Path) -> PagePlan:
    """Lay ``plan`` out with WeasyPrint into ``path``; returns the (cut) plan drawn."""
    from weasyprint import HTML

    with tempfile.TemporaryDirectory(prefix="weasy-page-") as tmp:
        folder = Path(tmp)
        _write_assets(plan, folder)
        for _ in range(MAX_TRIES):
            document = HTML(string=page_html(plan), base_url=str(folder) + "/").render()
            plan, changed = _fit(plan, _heights(document))
            if changed:
                continue
            if len(document.pages) == 1:
                document.write_pdf(path)
                return plan
            plan = shrink_plan(plan)
    raise RuntimeError(f"plan of seed {plan.seed} does not fit one page in WeasyPrint")
