"""What a user chooses about the output PDF (not tunables: those live in Settings).

Takes nothing; provides :class:`RenderOptions` and :func:`page_size_points`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from layout.errors import UsageError

MM = 72.0 / 25.4
NAMED_PAGE_SIZES_MM: dict[str, tuple[float, float]] = {
    "A4": (210.0, 297.0),
    "A5": (148.0, 210.0),
    "B5": (176.0, 250.0),  # ISO B5 (JIS B5 is 182 x 257)
    "letter": (215.9, 279.4),
}
THEMES = ("print", "screen")
WRITING_MODES = ("horizontal", "vertical")  # Settings.render.writing_mode


def page_size_points(spec: str) -> tuple[float, float]:
    """``A4``/``A5``/``B5``/``letter`` or ``WxH`` in millimetres → (width, height) in points."""
    for name, (w, h) in NAMED_PAGE_SIZES_MM.items():
        if spec.lower() == name.lower():
            return (w * MM, h * MM)
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*[xX×]\s*(\d+(?:\.\d+)?)\s*(?:mm)?\s*", spec)
    if not match:
        raise UsageError(f"page size {spec!r}: use A4, A5, B5, letter or WxH in mm (e.g. 150x220)")
    w, h = float(match.group(1)), float(match.group(2))
    if not (50 <= w <= 1500 and 50 <= h <= 1500):
        raise UsageError(f"page size {spec!r}: each side must be 50–1500 mm")
    return (w * MM, h * MM)


@dataclass(frozen=True)
class RenderOptions:
    """Output choices: page size, columns, theme and font overrides.

    ``columns`` None: as the page allows (vertical pages: two tiers when one would make
    columns longer than ``Settings.render.vertical_tier_em``; horizontal ones: one column).
    ``font_body``/``font_head`` are paths to TTF/OTF/TTC files (``path.ttc#2``
    picks a face of a collection) or None for the bundled faces. ``system_fonts`` lets
    characters that no bundled or given face draws come from fonts installed on the machine
    (found with ``fc-list``); off by default, so the output does not depend on the machine.
    """

    page_size: str = "A4"
    columns: int | None = 1
    theme: str = "print"
    font_body: str | None = None
    font_head: str | None = None
    table_of_contents: bool = True
    system_fonts: bool = False

    def __post_init__(self) -> None:
        page_size_points(self.page_size)
        if self.columns not in (None, 1, 2):
            raise UsageError(f"--columns {self.columns}: use 1 or 2")
        if self.theme not in THEMES:
            raise UsageError(f"--theme {self.theme}: use one of {', '.join(THEMES)}")

    @property
    def page_size_pt(self) -> tuple[float, float]:
        return page_size_points(self.page_size)
