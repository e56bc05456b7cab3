"""Debug drawing: the detected regions of one PDF page over its image.

Takes a PDF path, a page number (from 1) and settings; returns a Pillow image of
the rendered page with every detected block outlined in its role's colour and
labelled ``<article>·<reading order>``, heading groups, figures and captions,
furniture, the column blocks (thin grey) and the rule lines (red). The page is
rendered at :data:`SCALE` pixels per point, less when that would exceed
``settings.limits.max_overlay_pixels`` (a huge page costs no more than that). A
missing page, a bad file or a page pdfium cannot render raises
:class:`layout.errors.InputError`.
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from layout.analysis.pdf.page import analyze_one_page
from layout.errors import InputError, UsageError
from layout.model import BBox, Role
from layout.settings import DEFAULT_SETTINGS, Settings

SCALE = 1.5  # image pixels per PDF point (at most; huge pages are drawn smaller)

ROLE_COLOURS: dict[str, tuple[int, int, int]] = {
    "kicker": (255, 140, 0),
    "headline": (220, 20, 60),
    "subtitle": (255, 105, 180),
    "byline": (139, 69, 19),
    "subhead": (148, 0, 211),
    "paragraph": (30, 144, 255),
    "figure": (0, 160, 0),
    "caption": (0, 128, 128),
    "credit": (85, 107, 47),
    "furniture": (128, 128, 128),
    "rule": (255, 0, 0),
    "column": (170, 170, 170),
}


def overlay_scale(width: float, height: float, max_pixels: int) -> float:
    """Pixels per point for a page of ``width`` x ``height`` pt: SCALE, or less so the
    image holds at most ``max_pixels`` pixels."""
    area = max(width, 1e-3) * max(height, 1e-3)
    return min(SCALE, math.sqrt(max_pixels / area))


def _render(pdf_path: Path, page_number: int, max_pixels: int,
            password: str | None = None) -> tuple[Image.Image, float]:
    """The page image and its scale (pixels per point)."""
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(str(pdf_path), password=password)
    except Exception as exc:  # pdfium has its own error type
        raise InputError(pdf_path, f"cannot render: {exc}") from None
    try:
        if not 1 <= page_number <= len(doc):
            raise InputError(pdf_path, f"no page {page_number} (the PDF has {len(doc)} pages)")
        page = doc[page_number - 1]
        try:
            scale = overlay_scale(*page.get_size(), max_pixels)
            bitmap = page.render(scale=scale)
            image = bitmap.to_pil().convert("RGB")
            bitmap.close()
        except Exception as exc:  # PdfiumError: a bitmap pdfium cannot make
            raise InputError(pdf_path, f"page {page_number} cannot be rendered ({exc})"
                             ) from None
        finally:
            page.close()
        return image, scale
    finally:
        doc.close()


def draw_overlay(pdf_path: Path, page_number: int,
                 settings: Settings = DEFAULT_SETTINGS) -> Image.Image:
    """The page image with its analysis drawn over it (UsageError for a page below 1)."""
    pdf_path = Path(pdf_path)
    if page_number < 1:
        raise UsageError(f"--page {page_number}: pages are numbered from 1")
    analysis, page = analyze_one_page(pdf_path, page_number, settings)
    image, scale = _render(pdf_path, page_number, settings.limits.max_overlay_pixels,
                           settings.pdf.password)

    def _rect(box: BBox) -> tuple[float, float, float, float]:
        return (box.x0 * scale, box.top * scale, box.x1 * scale, box.bottom * scale)

    layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    font = ImageFont.load_default()

    def outline(box: BBox, role: str, label: str | None = None, width: int = 2) -> None:
        colour = ROLE_COLOURS[role]
        draw.rectangle(_rect(box), outline=colour + (230,), fill=colour + (28,), width=width)
        if label:
            x, y = box.x0 * scale + 1, box.top * scale + 1
            draw.rectangle((x, y, x + 7 * len(label) + 4, y + 12), fill=(255, 255, 255, 210))
            draw.text((x + 2, y), label, fill=colour + (255,), font=font)

    for block in analysis.blocks:
        outline(block.bbox, "column", width=1)
    for rule in analysis.raw.rules:
        b, p = rule.bbox, rule.position * scale
        ends = ((b.x0 * scale, p, b.x1 * scale, p) if rule.horizontal
                else (p, b.top * scale, p, b.bottom * scale))
        draw.line(ends, fill=ROLE_COLOURS["rule"] + (255,), width=2)
    heads = {f"p{page.number}-a{k}": getattr(p, "head", None) if not hasattr(p, "page_head")
             else p.page_head for k, p in enumerate(analysis.parts, start=1)}
    for article in page.articles:
        short = article.id.split("-")[-1]
        head = heads.get(article.id)
        if head is not None:
            for role, blocks in (("kicker", head.kicker), ("headline", head.headline),
                                 ("subtitle", head.subtitle), ("byline", head.bylines)):
                for b in blocks:
                    outline(b.bbox, role, f"{short} {role[0].upper()}")
        for order, block in enumerate(article.blocks, start=1):
            if block.bbox is not None:
                outline(block.bbox, str(block.role), f"{short}.{order}")
    for block in page.blocks:
        if block.bbox is not None:
            outline(block.bbox, str(block.role))
    for block in page.furniture:
        if block.bbox is not None:
            outline(block.bbox, str(Role.FURNITURE), str(block.kind or "furniture"))
    return Image.alpha_composite(image.convert("RGBA"), layer).convert("RGB")
