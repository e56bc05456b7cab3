"""Rebuild the preview pictures in examples/ from the bundled sample dump.

Takes nothing (run from the repository root: ``python examples/make_previews.py``);
writes ``zhoukou-page-N.png`` for the first output pages and ``preview.png``, the
input dump beside the output, used by the README. Pages are rasterized with
pypdfium2 (installed with pdfplumber), text with Pillow and the bundled kai face.
"""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2
from PIL import Image, ImageDraw, ImageFont

from layout.pipeline import read_issue
from layout.render.options import RenderOptions
from layout.render.pdf import render_issues
from layout.settings import DEFAULT_SETTINGS

HERE = Path(__file__).resolve().parent
SAMPLE = HERE / "zhoukou-demo-zone-page.txt"
FONT = HERE.parent / "fonts" / "LayoutKaiSC-Regular.ttf"
PAGES = 2
SCALE = 1.1  # pixels per point for the page previews


def output_pages() -> list[Image.Image]:
    issue = read_issue([SAMPLE], DEFAULT_SETTINGS)
    buffer = io.BytesIO()
    render_issues([issue], buffer, RenderOptions(page_size="A5"), DEFAULT_SETTINGS)
    pdf = pypdfium2.PdfDocument(buffer.getvalue())
    return [pdf[i].render(scale=SCALE).to_pil().convert("L") for i in range(1, PAGES + 1)]


def dump_picture(height: int, lines: int = 46) -> Image.Image:
    text = SAMPLE.read_text("utf-8").splitlines()[:lines]
    font = ImageFont.truetype(str(FONT), 13)
    image = Image.new("L", (300, height), 250)
    draw = ImageDraw.Draw(image)
    draw.text((12, 8), "input: zhoukou-demo-zone-page.txt", font=font, fill=90)
    for i, line in enumerate(text):
        draw.text((12, 34 + i * 15.5), line.replace("\ufffd", "\u25a1"), font=font, fill=20)
    return image


def main() -> None:
    pages = output_pages()
    for number, page in enumerate(pages, start=2):
        page.save(HERE / f"zhoukou-page-{number}.png", optimize=True)
    first = pages[0]
    left = dump_picture(first.height)
    side = Image.new("L", (left.width + first.width + 24, first.height), 255)
    side.paste(left, (0, 0))
    side.paste(first, (left.width + 24, 0))
    side.quantize(colors=32).save(HERE / "preview.png", optimize=True)


if __name__ == "__main__":
    main()
