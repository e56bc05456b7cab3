"""Geometry shared by every stage: one coordinate system.

Takes nothing; provides :class:`BBox`, a rectangle in PDF points with a
top-left origin, spelled ``x0, top, x1, bottom`` as pdfplumber does, and
:func:`pickled_by_fields` for the model's frozen dataclasses.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any, TypeVar

_Class = TypeVar("_Class", bound=type)


def pickled_by_fields(cls: _Class) -> _Class:
    """Have the frozen, slotted dataclass ``cls`` pickle as its class and field values, and
    unpickle through its ``__init__`` (so its checks run). The dataclass's own state
    functions loop over ``fields()`` in Python for every object, twice as slow: pages sent
    back from ``--jobs`` workers hold thousands of lines and boxes each."""
    names = tuple(f.name for f in fields(cls))
    values: Callable[[Any], tuple[Any, ...]] = (
        operator.attrgetter(*names) if len(names) > 1
        else lambda obj: (getattr(obj, names[0]),))

    def __reduce__(self: Any) -> tuple[type, tuple[Any, ...]]:
        return type(self), values(self)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign]
    return cls


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class BBox:
    """An axis-aligned box in points, origin at the page's top-left corner."""

    x0: float
    top: float
    x1: float
    bottom: float

    def __post_init__(self) -> None:
        if self.x1 < self.x0 or self.bottom < self.top:
            raise ValueError(
                f"BBox needs x0 <= x1 and top <= bottom, got {self.as_list()}"
            )

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def area(self) -> float:
        return self.width * self.height

    @property
    def center(self) -> tuple[float, float]:
        return ((self.x0 + self.x1) / 2, (self.top + self.bottom) / 2)

    def as_list(self) -> list[float]:
        return [self.x0, self.top, self.x1, self.bottom]

    def union(self, other: BBox) -> BBox:
        return BBox(
            min(self.x0, other.x0),
            min(self.top, other.top),
            max(self.x1, other.x1),
            max(self.bottom, other.bottom),
        )

    def intersection(self, other: BBox) -> BBox | None:
        x0, top = max(self.x0, other.x0), max(self.top, other.top)
        x1, bottom = min(self.x1, other.x1), min(self.bottom, other.bottom)
        if x1 < x0 or bottom < top:
            return None
        return BBox(x0, top, x1, bottom)

    def horizontal_overlap(self, other: BBox) -> float:
        return max(0.0, min(self.x1, other.x1) - max(self.x0, other.x0))

    def vertical_overlap(self, other: BBox) -> float:
        return max(0.0, min(self.bottom, other.bottom) - max(self.top, other.top))

    def contains(self, other: BBox, tolerance: float = 0.0) -> bool:
        return (
            other.x0 >= self.x0 - tolerance
            and other.top >= self.top - tolerance
            and other.x1 <= self.x1 + tolerance
            and other.bottom <= self.bottom + tolerance
        )

    @staticmethod
    def enclosing(boxes: list[BBox] | tuple[BBox, ...]) -> BBox:
        """The smallest box around all ``boxes`` (which must not be empty)."""
        if not boxes:
            raise ValueError("BBox.enclosing needs at least one box")
        return BBox(
            min(b.x0 for b in boxes),
            min(b.top for b in boxes),
            max(b.x1 for b in boxes),
            max(b.bottom for b in boxes),
        )
