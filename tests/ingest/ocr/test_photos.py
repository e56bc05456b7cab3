"""Photos in a page image (layout.ingest.ocr.photos): found in a scan, text and uneven
paper are not."""

from __future__ import annotations

import pytest

from layout.ingest.ocr.photos import inside, photo_boxes


def _page(width=800, height=1000, shade=0):
    """A white page (with paper darkening by ``shade`` grey levels to the right)."""
    import numpy as np
    from PIL import Image

    row = 245 - np.linspace(0, shade, width)
    return np.tile(row, (height, 1)).astype(np.float32), Image


def test_photos_are_found_in_a_scan_and_text_is_not():
    pytest.importorskip("cv2", reason="the photo finder needs OpenCV (layout[ocr])")
    import numpy as np

    pixels, image = _page(shade=25)
    text_boxes = []
    for k in range(20):  # a column of text lines: dark strokes, read by OCR
        top = 100 + 30 * k
        pixels[top:top + 20, 420:700:6] = 20
        text_boxes.append((420.0, float(top), 700.0, float(top + 20)))
    ys, xs = np.mgrid[0:250, 0:300]
    pixels[120:370, 60:360] = 90 + 0.4 * xs + 0.2 * ys  # a photo: a dark gradient
    pixels[600:603, 60:360] = 0  # a rule
    pixels[700:900, 60:62] = pixels[700:900, 358:360] = 0  # a frame round nothing
    pixels[700:702, 60:360] = pixels[898:900, 60:360] = 0
    page = image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "L")
    photos = photo_boxes(page, text_boxes, dpi=72.0, min_side=40.0)
    assert len(photos) == 1
    x0, top, x1, bottom = photos[0]
    assert abs(x0 - 60) <= 4 and abs(top - 120) <= 4 and abs(x1 - 360) <= 4
    assert abs(bottom - 370) <= 4
    assert inside((100.0, 200.0, 200.0, 220.0), photos)
    assert not inside((300.0, 200.0, 500.0, 220.0), photos)
    blank = image.fromarray(np.clip(_page(shade=30)[0], 0, 255).astype(np.uint8), "L")
    assert photo_boxes(blank, [], dpi=72.0) == []  # uneven paper is no photo
