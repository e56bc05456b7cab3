"""Page images for OCR (layout.ingest.ocr.images): the resolution chosen from the text
size, small type measured and enlarged."""

from __future__ import annotations

import pytest

from layout.ingest.ocr import images
from layout.settings import DEFAULT_SETTINGS


def test_resolution_follows_the_text_size_and_the_pixel_cap():
    assert images.ocr_dpi(842, 1191) == pytest.approx(72 * 26 / 9)  # ~208 dpi for 9 pt text
    small_text = DEFAULT_SETTINGS.with_overrides(ocr={"text_size": 4.0})
    assert images.ocr_dpi(842, 1191, small_text) == 300  # max_dpi
    capped = DEFAULT_SETTINGS.with_overrides(limits={"max_ocr_pixels": 1_000_000})
    dpi = images.ocr_dpi(842, 1191, capped)
    assert (842 * dpi / 72) * (1191 * dpi / 72) == pytest.approx(1_000_000)


def test_small_type_is_enlarged_before_ocr():
    pytest.importorskip("cv2", reason="the type-size measure needs OpenCV (layout[ocr])")
    import numpy as np
    from PIL import Image

    def page(side: int) -> Image.Image:
        pixels = np.full((1200, 900), 240, np.uint8)
        for row in range(40, 1150, int(side * 1.6)):
            for col in range(40, 860, int(side * 1.1)):
                pixels[row:row + side, col:col + side - 2] = 30  # a character-like blob
        return Image.fromarray(pixels, "L")

    assert images.character_height(page(20)) == pytest.approx(20, abs=3)
    assert images.upscale(page(20)) == pytest.approx(32 / images.character_height(page(20)))
    assert images.upscale(page(30)) == 1.0  # large enough already
    assert images.upscale(Image.new("L", (300, 300), 255)) == 1.0  # nothing to measure
    capped = DEFAULT_SETTINGS.with_overrides(limits={"max_ocr_pixels": 1_825_200})
    assert images.upscale(page(16), capped) == pytest.approx(1.3)  # within the pixel cap
    barely = DEFAULT_SETTINGS.with_overrides(limits={"max_ocr_pixels": 1_200_000})
    assert images.upscale(page(16), barely) == 1.0  # not worth it
