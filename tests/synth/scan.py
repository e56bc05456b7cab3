"""Scans made from synthetic PDF pages: rendered, then spoilt as a scanner and paper do.

Takes a one-page PDF (from :mod:`tests.synth.compose`), a resolution and a seed; returns
a grey PIL image of the page as a scan: rendered with pypdfium2, then (each drawn from
the seed, all mild, as an archive's scans are) uneven paper (a tint darkening towards one
side), a slight skew (under half a degree, the page size kept), blur and JPEG artefacts.

    python -m tests.synth.scan page.pdf --dpi 200 --seed 3 --out page.jpg
"""

from __future__ import annotations

import argparse
import io
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Spoil:
    """How a scan is spoilt: skew (degrees, + counter-clockwise), blur radius (pixels at
    200 dpi), JPEG quality, paper tint (grey level of the paper) and shading (grey levels
    lost towards the darker side), the shading's direction (radians)."""

    skew: float
    blur: float
    quality: int
    paper: int
    shading: int
    direction: float

    @classmethod
    def of_seed(cls, seed: int) -> Spoil:
        rng = random.Random(f"scan-{seed}")
        return cls(skew=rng.uniform(-0.4, 0.4), blur=rng.uniform(0.4, 0.8),
                   quality=rng.randint(60, 80), paper=rng.randint(232, 248),
                   shading=rng.randint(10, 28), direction=rng.uniform(0, 6.283))


CLEAN = Spoil(skew=0.0, blur=0.0, quality=0, paper=255, shading=0, direction=0.0)


def render(pdf: Path, dpi: float, page: int = 1) -> Any:
    """Page ``page`` (from 1) of ``pdf`` as a grey PIL image at ``dpi``."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        return document[page - 1].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        document.close()


def spoil(image: Any, how: Spoil, dpi: float = 200.0) -> Any:
    """``image`` (grey) as a scan spoilt ``how``; the same size."""
    import math

    import numpy as np
    from PIL import Image, ImageFilter

    pixels = np.asarray(image.convert("L"), dtype=np.float32) / 255.0
    height, width = pixels.shape
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    along = (xs / width - 0.5) * math.cos(how.direction) + (ys / height - 0.5) * math.sin(
        how.direction)
    paper = how.paper - how.shading * (along + 0.71) / 1.42  # uneven: darker to one side
    page = Image.fromarray(np.clip(pixels * paper, 0, 255).astype(np.uint8), "L")
    if how.skew:
        page = page.rotate(how.skew, resample=Image.Resampling.BICUBIC,
                           fillcolor=int(how.paper))
    if how.blur:
        page = page.filter(ImageFilter.GaussianBlur(how.blur * dpi / 200.0))
    if how.quality:
        buffer = io.BytesIO()
        page.save(buffer, "JPEG", quality=how.quality)
        buffer.seek(0)
        page = Image.open(buffer).convert("L")
    return page


def scan(pdf: Path, dpi: float, seed: int | None) -> Any:
    """``pdf``'s first page scanned at ``dpi``: spoilt by :meth:`Spoil.of_seed` (clean
    when ``seed`` is None)."""
    image = render(pdf, dpi)
    return image if seed is None else spoil(image, Spoil.of_seed(seed), dpi)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", type=Path)
    parser.add_argument("--dpi", type=float, default=200.0)
    parser.add_argument("--seed", type=int, help="spoil with this seed (default: clean)")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    scan(args.pdf, args.dpi, args.seed).save(args.out, dpi=(args.dpi, args.dpi))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
