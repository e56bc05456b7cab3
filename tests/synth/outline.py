"""Headlines converted to outlines, as press systems export them: SVG paths, no text.

Takes the headline lines, the :class:`~tests.synth.plan.FaceRef` to draw them in, the
horizontal scale and the colour; returns an SVG document (font units, one line under the
other, each line centred) that an engine embeds as vector graphics, so the PDF holds the
headline's shapes but none of its characters. Characters the face lacks are left out.
:func:`write_outlined_heads` writes the SVG of each outlined headline of a page plan
(``head-B-S.svg``: band B, slot S) for the composers that embed them.
"""

from __future__ import annotations

import functools
from pathlib import Path

from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.ttLib import TTFont

from tests.synth.plan import ArticlePlan, FaceRef, PagePlan


@functools.lru_cache(maxsize=16)
def _font(path: str, index: int) -> TTFont:
    return TTFont(path, fontNumber=index, lazy=True)


def outline_svg(lines: tuple[str, ...] | list[str], face: FaceRef, scale: float = 1.0,
                color: tuple[float, float, float] = (0.0, 0.0, 0.0)) -> str:
    """The SVG of ``lines`` drawn as paths (see the module docstring)."""
    font = _font(face.path, face.index)
    glyphs = font.getGlyphSet()
    cmap = font.getBestCmap()
    upm = font["head"].unitsPerEm
    advances = font["hmtx"].metrics
    rows: list[tuple[float, list[str]]] = []
    for line in lines:
        x = 0.0
        paths: list[str] = []
        for ch in line:
            name = cmap.get(ord(ch))
            if name is None:
                x += upm * 0.5
                continue
            pen = SVGPathPen(glyphs)
            glyphs[name].draw(pen)
            if pen.getCommands():
                paths.append(f'<path transform="translate({x:.0f} 0)" d="{pen.getCommands()}"/>')
            x += advances[name][0]
        rows.append((x, paths))
    width = max((w for w, _ in rows), default=upm) * scale
    line_h = upm * 1.15
    rgb = ",".join(str(int(c * 255)) for c in color)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} '
             f'{line_h * len(rows):.0f}" width="{width:.0f}" height="{line_h * len(rows):.0f}">',
             f'<g fill="rgb({rgb})">']
    for k, (w, paths) in enumerate(rows):
        dx = (width - w * scale) / 2
        base = line_h * k + upm * 0.92
        parts.append(f'<g transform="translate({dx:.0f} {base:.0f}) scale({scale} -1)">')
        parts += paths
        parts.append("</g>")
    parts.append("</g></svg>")
    return "\n".join(parts)


def write_outlined_heads(plan: PagePlan, folder: Path) -> None:
    """``head-B-S.svg`` in ``folder`` for each article of ``plan`` whose headline is drawn
    as outlines (band B, slot S)."""
    faces = {f.name: f for f in plan.fonts.head}
    for bi, band in enumerate(plan.bands):
        for si, s in enumerate(band.slots):
            if isinstance(s, ArticlePlan) and s.head_outlined:
                svg = outline_svg(s.headline, faces[s.head_face], s.head_scale, s.head_color)
                (folder / f"head-{bi}-{si}.svg").write_text(svg, "utf-8")
