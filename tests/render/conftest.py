"""Fixtures shared by the render tests: a body-face Measure at 10 pt."""

import pytest

from layout.render.fonts import load_font_set
from layout.render.glyphs import Measure

SIZE = 10.0


@pytest.fixture(scope="module")
def measure() -> Measure:
    fonts = load_font_set()
    return Measure(fonts, fonts.body, SIZE)
