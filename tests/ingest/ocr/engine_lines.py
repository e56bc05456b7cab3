"""Engine results written out for tests: one line's box, text, score and character boxes."""

from __future__ import annotations

from layout.ingest.ocr.chars import char_weight


def engine_line(x0, top, text, pitch=20.0, height=26.0, gap_after=None):
    """An engine result for ``text`` set solid at ``pitch`` px from ``x0``; ``gap_after``:
    {index: extra px after that character}."""
    boxes, words, x = [], [], x0
    for k, ch in enumerate(text):
        width = pitch * char_weight(ch)
        boxes.append([[x, top], [x + width, top], [x + width, top + height], [x, top + height]])
        words.append(ch)
        x += width + (gap_after or {}).get(k, 0.0)
    return [[[x0, top], [x, top], [x, top + height], [x0, top + height]], text, 0.99, boxes,
            words]
