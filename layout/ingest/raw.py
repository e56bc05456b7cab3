"""The raw-page model every PDF reader produces and the geometric analysis reads.

Holds no logic beyond small derived properties and :func:`is_upright` (the rule by
which every reader tells an upright glyph from a turned or mirrored one):
:class:`Glyph` (one drawn character), :class:`Rule` (a printed horizontal or vertical line),
:class:`OcrLine` (one line OCR read) and :class:`RawPage` (one page's glyphs, rules
and image boxes), and :class:`ObjectTally`, the count by which every reader caps the
objects it takes from one page (``limits.max_page_objects``): a page over the cap comes
back empty with ``RawPage.skipped`` saying so. Coordinates are PDF
points with a top-left origin, ``x0 top x1 bottom``, relative to the page's
page box, whatever reader made them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from layout.model import BBox
from layout.settings import DEFAULT_SETTINGS

INVISIBLE_RENDER_MODE = 3
MIN_RULE_LENGTH = 12.0  # pt: shorter edges are glyph decorations, not rules
MAX_RULE_THICKNESS = 3.0  # pt: a rectangle thinner than this is a rule
MIN_SHAPE_SIDE = 2.0  # pt: filled shapes smaller on both sides are dots, not kept
MIN_SHAPE_THICKNESS = 0.5  # pt: flatter filled shapes are hairlines (a rule's business)
MIN_IMAGE_SIDE = 8.0  # pt: smaller images are bullets or dots
UPRIGHT_SKEW = 1e-3  # matrix b, c below this (relative to a, d): the glyph is upright


def is_upright(a: float, b: float, c: float, d: float) -> bool:
    """Whether a glyph drawn with the text matrix ``a b c d`` (its translation aside) is
    upright: not mirrored, and turned by no more than :data:`UPRIGHT_SKEW` either way (a
    label turned 90 degrees has ``a`` and ``d`` near 0, ``b`` and ``c`` near +-1)."""
    return a > 0 and d > 0 and abs(b) <= UPRIGHT_SKEW * a and abs(c) <= UPRIGHT_SKEW * d


@dataclass(frozen=True, slots=True)
class Glyph:
    """One drawn character, top-left origin, in points."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    font: str
    color: tuple[float, ...] | None = None
    render_mode: int = 0
    upright: bool = True
    baseline: float | None = None  # y of the baseline (top-left origin) when known
    face: int = 0  # which of the page's fonts named ``font`` draws it (0: the first; a
    # font's subsets share a name, and a code means one character in one of them only)
    ink: tuple[int, ...] | None = None  # for a font with no Unicode map: the edges of
    # the glyph's ink from its origin in 50ths of its size (its code's shape)

    @property
    def center_y(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def base_y(self) -> float:
        """The baseline, or the box's centre when the baseline is unknown."""
        return self.baseline if self.baseline is not None else self.center_y


class _GlyphFields:
    """A :class:`Glyph`'s slots, settable: :func:`make_glyph` fills one in and turns it into
    a Glyph (the two share one memory layout)."""

    __slots__ = ("text", "x0", "top", "x1", "bottom", "size", "font", "color", "render_mode",
                 "upright", "baseline", "face", "ink")

    def __init__(self, text: str, x0: float, top: float, x1: float, bottom: float,
                 size: float, font: str, color: tuple[float, ...] | None = None,
                 render_mode: int = 0, upright: bool = True, baseline: float | None = None,
                 face: int = 0, ink: tuple[int, ...] | None = None) -> None:
        # one slot a statement: no tuple built and unpacked per glyph
        self.text = text
        self.x0 = x0
        self.top = top
        self.x1 = x1
        self.bottom = bottom
        self.size = size
        self.font = font
        self.color = color
        self.render_mode = render_mode
        self.upright = upright
        self.baseline = baseline
        self.face = face
        self.ink = ink


def make_glyph(text: str, x0: float, top: float, x1: float, bottom: float, size: float,
               font: str, color: tuple[float, ...] | None = None, render_mode: int = 0,
               upright: bool = True, baseline: float | None = None, face: int = 0,
               ink: tuple[int, ...] | None = None) -> Glyph:
    """``Glyph(text, x0, ...)``, made several times faster (readers make one per character
    of a page): a frozen dataclass sets each of its 13 fields through
    ``object.__setattr__``, which costs about as much as the rest of a reader's work on
    the character; here they are set on a :class:`_GlyphFields` whose class is then
    made :class:`Glyph` (the same slots: Python checks the layouts match)."""
    glyph = _GlyphFields(text, x0, top, x1, bottom, size, font, color, render_mode, upright,
                         baseline, face, ink)
    glyph.__class__ = Glyph  # type: ignore[assignment]
    return glyph  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class Rule:
    """A printed rule: a horizontal or vertical line segment with its box."""

    bbox: BBox
    horizontal: bool

    @property
    def position(self) -> float:
        """The y of a horizontal rule, the x of a vertical one."""
        b = self.bbox
        return (b.top + b.bottom) / 2 if self.horizontal else (b.x0 + b.x1) / 2


@dataclass(frozen=True, slots=True)
class UnreadableText:
    """Glyphs of one font a reader could not turn into text (``(cid:N)``, private use)."""

    font: str
    reason: str  # e.g. "has no ToUnicode map"
    glyphs: int


OCR_FONT = "OCR"  # the font name of glyphs recognised from pixels (no text layer under them)


@dataclass(frozen=True, slots=True)
class OcrLine:
    """One line OCR recognised: its text, box and the recogniser's confidence (0–1)."""

    text: str
    bbox: BBox
    confidence: float


@dataclass(frozen=True, slots=True)
class RawPage:
    """Everything the analysis needs from one page (``unreadable``: glyphs kept out of
    ``glyphs`` because they are not text, per font; ``ocr_lines``: set when the glyphs
    came from OCR, its lines with their confidence; ``shapes``: the box of each filled
    subpath that is neither a line nor an axis-aligned rectangle, at least
    :data:`MIN_SHAPE_SIDE` on a side and :data:`MIN_SHAPE_THICKNESS` on the other: curves
    and polygons, such as the glyphs of a headline converted to outlines)."""

    number: int
    width: float
    height: float
    glyphs: tuple[Glyph, ...]
    rules: tuple[Rule, ...]
    images: tuple[BBox, ...]
    unreadable: tuple[UnreadableText, ...] = ()
    ocr_lines: tuple[OcrLine, ...] | None = None
    shapes: tuple[BBox, ...] = ()  # filled shapes that are not rules or rectangles
    ocr_regions: tuple[OcrLine, ...] = ()  # regions of a text-layer page OCR read
    coded: tuple[Glyph, ...] = ()  # glyphs screened out as codes (a font with no Unicode
    # map): their boxes and sizes are the page's, their text is not
    coded_at: tuple[int, ...] = ()  # per coded glyph: how many of ``glyphs`` the PDF draws
    # before it (its place in the drawing order)
    skipped: str | None = None  # why the reader gave the page up (then it is empty)

    @property
    def ocr_confidence(self) -> float | None:
        """The mean confidence of the OCR lines (None when the text is not OCR's)."""
        if self.ocr_lines is None:
            return None
        if not self.ocr_lines:
            return 0.0
        return sum(line.confidence for line in self.ocr_lines) / len(self.ocr_lines)

    @property
    def has_text(self) -> bool:
        """Any glyph at all (visible or not): the page has a text layer."""
        return bool(self.glyphs)


def text_glyphs(glyphs: Sequence[Glyph]) -> list[Glyph]:
    """The glyphs a text layer gives as text: drawn visibly (not render mode 3), not
    whitespace."""
    return [g for g in glyphs if g.render_mode != INVISIBLE_RENDER_MODE and not g.text.isspace()]


def frame_rules(first: BBox, second: BBox) -> list[Rule]:
    """The thin sides of a frame painted as one rectangle inside another (an even-odd
    fill of two nested rectangles: how Cairo and others paint a CSS border): each side
    where the two are at most :data:`MAX_RULE_THICKNESS` apart, and not touching, is a
    rule. Nothing when neither rectangle holds the other."""
    outer, inner = ((first, second) if first.width * first.height >= second.width * second.height
                    else (second, first))
    eps = 0.01
    if not (outer.x0 - eps <= inner.x0 and inner.x1 <= outer.x1 + eps
            and outer.top - eps <= inner.top and inner.bottom <= outer.bottom + eps):
        return []
    sides = [  # (thickness, box of the side as (x0, top, x1, bottom), horizontal)
        (inner.x0 - outer.x0, (outer.x0, outer.top, inner.x0, outer.bottom), False),
        (outer.x1 - inner.x1, (inner.x1, outer.top, outer.x1, outer.bottom), False),
        (inner.top - outer.top, (outer.x0, outer.top, outer.x1, inner.top), True),
        (outer.bottom - inner.bottom, (outer.x0, inner.bottom, outer.x1, outer.bottom), True),
    ]
    rules: list[Rule] = []
    for thickness, (x0, top, x1, bottom), horizontal in sides:
        length = x1 - x0 if horizontal else bottom - top
        if eps < thickness <= MAX_RULE_THICKNESS and length >= MIN_RULE_LENGTH:
            rules.append(Rule(BBox(x0, top, x1, bottom), horizontal))
    return rules


def shape_box(points: list[tuple[float, float]]) -> list[BBox]:
    """The box of a filled shape's points (control points too, as pdfminer takes them),
    in a list, or an empty list when it is under :data:`MIN_SHAPE_SIDE` on both sides."""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    box = BBox(min(xs), min(ys), max(xs), max(ys))
    return [box] if _shape_sized(box.width, box.height) else []


def _shape_sized(width: float, height: float) -> bool:
    return max(width, height) >= MIN_SHAPE_SIDE and min(width, height) >= MIN_SHAPE_THICKNESS


def page_shapes(boxes: list[BBox], width: float, height: float) -> tuple[BBox, ...]:
    """Shape boxes clipped to the page; those left too small (:func:`shape_box`), or off
    the page, dropped."""
    out: list[BBox] = []
    for b in boxes:
        x0, x1 = max(0.0, b.x0), min(width, b.x1)
        top, bottom = max(0.0, b.top), min(height, b.bottom)
        if x1 >= x0 and bottom >= top and _shape_sized(x1 - x0, bottom - top):
            out.append(BBox(x0, top, x1, bottom))
    return tuple(out)


def dedupe_rules(rules: list[Rule]) -> list[Rule]:
    """Rules without repeats (the same orientation and box, to the point), order kept."""
    seen: set[tuple[bool, int, int, int, int]] = set()
    out: list[Rule] = []
    for r in rules:
        b = r.bbox
        key = (r.horizontal, round(b.x0), round(b.top), round(b.x1), round(b.bottom))
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


DEFAULT_MAX_PAGE_OBJECTS = DEFAULT_SETTINGS.limits.max_page_objects


class TooManyObjects(Exception):
    """Raised inside a reader when a page holds more objects than its cap (caught there)."""


class ObjectTally:
    """The characters, drawing objects and path segments a reader has taken from one page,
    against the page's cap: the reader's work on a page is bounded by the cap, whatever the
    file holds (a form drawn a million times, a path of a million segments)."""

    __slots__ = ("limit", "used")

    def __init__(self, limit: int = DEFAULT_MAX_PAGE_OBJECTS) -> None:
        self.limit = limit
        self.used = 0

    def take(self, count: int = 1) -> None:
        """Count ``count`` more objects; TooManyObjects once the page is over its cap."""
        self.used += count
        if self.used > self.limit:
            raise TooManyObjects(self.limit)


def over_limit_page(number: int, width: float, height: float, limit: int) -> RawPage:
    """The empty page a reader gives for page ``number`` when it holds over ``limit``
    objects (the analysis skips it, naming the reason)."""
    return RawPage(number, width, height, (), (), (),
                   skipped=f"over {limit} objects (characters, drawings, path segments: "
                           "limits.max_page_objects)")
