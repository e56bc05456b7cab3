"""The raw-page model: :func:`layout.ingest.raw.make_glyph` makes the Glyph the
dataclass makes (same fields, equal, hashed alike, frozen, replaceable, picklable)."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from layout.ingest.raw import Glyph, _GlyphFields, make_glyph


def test_make_glyph_gives_the_glyph_the_constructor_gives():
    args = ("字", 1.0, 2.0, 13.0, 14.0, 12.0, "SimSun", (0.1, 0.2, 0.3), 2, False, 12.5, 1,
            (1, 2, 3, 4))
    made, built = make_glyph(*args), Glyph(*args)
    assert type(made) is Glyph
    assert made == built and hash(made) == hash(built) and repr(made) == repr(built)
    assert make_glyph("a", 0.0, 0.0, 1.0, 1.0, 1.0, "F") == Glyph("a", 0.0, 0.0, 1.0, 1.0,
                                                                  1.0, "F")
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.x0 = 5.0  # type: ignore[misc]
    assert dataclasses.replace(made, x0=0.5) == dataclasses.replace(built, x0=0.5)
    assert pickle.loads(pickle.dumps(made)) == built


def test_make_glyph_sets_every_field_of_glyph():
    assert _GlyphFields.__slots__ == tuple(f.name for f in dataclasses.fields(Glyph))
    assert Glyph.__slots__ == _GlyphFields.__slots__
