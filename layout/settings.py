"""Every tunable of the pipeline, in one validated settings dataclass.

Takes keyword overrides; returns frozen :class:`Settings` whose sections
(``text``, ``pdf``, ``ocr``, ``render``) hold the tunables of each stage, and ``limits``
the bounds that keep hostile input from costing more than its content. Every field
declares its unit and its allowed range in ``metadata``; construction
validates them and raises :class:`layout.errors.UsageError` naming the field.

Units: ``pt`` (PDF points, 1/72 in), ``em`` (fraction of the font size),
``chars`` (characters), ``ratio`` (dimensionless), ``mm``, ``dpi``, ``count``,
``s`` (seconds), ``px`` (pixels).
Add a field with :func:`tunable` inside the section of the stage that reads it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any

from layout.errors import UsageError


def tunable(default: Any, unit: str, lo: float | None = None, hi: float | None = None,
            doc: str = "") -> Any:
    """A settings field with its unit, bounds (inclusive) and a one-line meaning."""
    return field(default=default, metadata={"unit": unit, "min": lo, "max": hi, "doc": doc})


class _Validated:
    """Mixin: check every numeric tunable against its declared bounds."""

    def __post_init__(self) -> None:
        for f in fields(self):  # type: ignore[arg-type]
            value = getattr(self, f.name)
            choices = f.metadata.get("choices")
            if choices is not None and value not in choices:
                raise UsageError(f"setting {type(self).__name__}.{f.name} = {value!r} is not "
                                 f"one of {', '.join(choices)}")
            lo, hi = f.metadata.get("min"), f.metadata.get("max")
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                continue
            unit = f.metadata.get("unit", "")
            where = f"{type(self).__name__}.{f.name}"
            if lo is not None and value < lo:
                raise UsageError(f"setting {where} = {value} {unit} is below {lo}")
            if hi is not None and value > hi:
                raise UsageError(f"setting {where} = {value} {unit} is above {hi}")


@dataclass(frozen=True)
class CleanSettings(_Validated):
    """Text normalization shared by both front ends (layout.clean)."""

    min_doubled_pairs: int = tunable(
        3, "count", 1, 100,
        "doubled pairs in a row before a run inside mixed text counts as fake bold (AABB stays)",
    )
    min_doubled_line_pairs: int = tunable(
        3, "count", 1, 100, "pairs a whole line needs before it can count as fake bold"
    )
    doubled_line_strays: int = tunable(
        1, "count", 0, 10, "unpaired characters a fake-bold line may still hold"
    )


@dataclass(frozen=True)
class TextSettings(_Validated):
    """Text-dump front end (layout.ingest.text and the analysis over it)."""

    encoding: str | None = field(default=None, metadata={
        "unit": "codec name", "doc": "decode dumps as this (--encoding); None detects it"})
    encoding_errors: str = field(default="strict", metadata={
        "unit": "name", "choices": ("strict", "replace"),
        "doc": "undecodable bytes: strict (an error naming the offset) or replace (U+FFFD, "
               "one warning)"})
    min_body_chars: int = tunable(
        6, "chars", 1, 40, "lines shorter than this are ignored when estimating a column width"
    )
    width_band: float = tunable(
        1.0, "chars", 0.0, 5.0, "how wide the band of full-line widths is taken to be"
    )
    full_tolerance: float = tunable(
        0.75, "chars", 0.0, 5.0, "a line this much narrower than the column still fills it"
    )
    indent_chars: float = tunable(2.0, "chars", 0.0, 6.0, "first-line indent of a paragraph")
    width_slope: float = tunable(
        2.0, "ratio", 0.0, 50.0, "log-score lost per character a line misses its expected width"
    )
    break_cost: float = tunable(
        0.5, "ratio", 0.0, 20.0, "log-score cost of starting a new paragraph (favours merging)"
    )
    latin_slack: float = tunable(
        0.25, "chars", 0.0, 2.0,
        "per Latin letter or digit, how far a width measure counting them half may be off, "
        "where a word pushed to the next line leaves a line short"
    )
    title_cost: float = tunable(1.5, "ratio", 0.0, 20.0, "log-score cost of calling a line a title")
    open_paragraph_cost: float = tunable(
        4.0, "ratio", 0.0, 50.0, "cost of a paragraph left open at a page's start or end"
    )
    max_title_chars: int = tunable(60, "chars", 4, 400, "longest line taken for a title")
    article_open_cost: float = tunable(
        2.0, "ratio", 0.0, 20.0, "cost of a byline or dateline right after a paragraph's end"
    )
    headline_threshold: float = tunable(
        2.0, "ratio", 0.0, 20.0, "evidence a title group needs to open a new article"
    )
    label_chars: int = tunable(
        6, "chars", 1, 20, "a title line this short is a label (kicker/subtitle), not the headline"
    )
    overhang_chars: float = tunable(
        1.5, "chars", 0.0, 20.0, "a title with this many CJK characters more than a column is wide"
    )
    min_width_lines: int = tunable(
        4, "count", 2, 100, "lines needed on each side of a title to compare column widths"
    )
    caption_tie_ratio: float = tunable(
        0.5, "ratio", 0.0, 1.0, "share of a caption's bigrams an article must hold to own it"
    )
    caption_rare_lead: float = tunable(
        1.3, "ratio", 1.0, 10.0,
        "else: how many times the next article's the best one's share of the caption's rare "
        "2-4-grams (weighted by how few articles hold them) must be to own it"
    )


@dataclass(frozen=True)
class PdfSettings(_Validated):
    """PDF front end (layout.ingest readers and the geometric analysis)."""

    reader: str = field(default="pdfium", metadata={
        "unit": "name", "choices": ("pdfium", "pdfplumber"),
        "doc": "the PDF reader: pdfium (fast) or pdfplumber (pdfminer's layout)"})
    password: str | None = field(default=None, repr=False, metadata={
        "unit": "text", "doc": "password of encrypted PDF inputs (--password)"})
    dedupe_along: float = tunable(0.1, "em", 0.0, 1.0, "fake-bold dedupe tolerance along the line")
    dedupe_across: float = tunable(0.2, "em", 0.0, 1.0, "fake-bold dedupe tolerance across")
    figure_dpi: int = tunable(150, "dpi", 36, 200, "resolution of cropped photos at print size")
    line_gap: float = tunable(0.55, "em", 0.1, 3.0,
                              "a wider gap next to CJK text ends a line (first pass)")
    latin_gap: float = tunable(0.75, "em", 0.1, 3.0,
                               "a wider gap between Latin glyphs ends a line (first pass)")
    max_line_gap: float = tunable(1.6, "em", 0.5, 5.0,
                                  "a wider gap always ends a line, gutter or not")
    block_gap: float = tunable(1.0, "em", 0.1, 5.0,
                               "largest space between two lines of one block")
    headline_ratio: float = tunable(1.25, "ratio", 1.0, 5.0,
                                    "type this much larger than the body is a headline")
    vertical_gap: float = tunable(1.2, "em", 0.2, 5.0,
                                  "widest gap between two cells of one vertical line")
    vertical_tight: float = tunable(0.6, "em", 0.0, 2.0,
                                    "a vertical line's cells sit at most this far apart "
                                    "(median)")
    vertical_margin: float = tunable(0.05, "em", 0.0, 2.0,
                                     "... and this much closer than to their row neighbours")
    vertical_min_glyphs: int = tunable(30, "glyphs", 1, 10000,
                                       "fewer glyphs in vertical lines: the page is read as "
                                       "horizontal text only")


@dataclass(frozen=True)
class OcrSettings(_Validated):
    """OCR of pages with no usable text layer (layout.ingest.ocr, the optional extra)."""

    mode: str = field(default="auto", metadata={
        "unit": "name", "choices": ("auto", "always", "never"),
        "doc": "auto: OCR pages with no text layer or mostly unreadable text; always; never"})
    unreadable_share: float = tunable(
        0.5, "ratio", 0.0, 1.0, "auto OCRs a page more of whose glyphs than this are unreadable"
    )
    text_size: float = tunable(9.0, "pt", 4.0, 72.0, "expected body text size of a page")
    px_per_em: float = tunable(
        26.0, "px", 10.0, 100.0, "pixels an em of the expected text size gets when rendered"
    )
    min_dpi: int = tunable(150, "dpi", 72, 600, "lowest resolution a page is OCR'd at")
    max_dpi: int = tunable(300, "dpi", 72, 1200, "highest resolution a page is OCR'd at")
    image_dpi: int = tunable(
        200, "dpi", 50, 1200, "resolution assumed for an image file that states none"
    )
    min_confidence: float = tunable(
        0.5, "ratio", 0.0, 1.0, "OCR lines recognised with less confidence are dropped"
    )
    size_per_line_height: float = tunable(
        0.9, "ratio", 0.3, 1.5, "font size of an OCR line as a share of its detected height"
    )
    size_tolerance: float = tunable(
        0.15, "ratio", 0.0, 1.0, "OCR line sizes this close (relative) are taken as one size"
    )
    head_size_tolerance: float = tunable(
        0.07, "ratio", 0.0, 1.0, "the short lines of a headline group (kicker, byline) are "
        "taken as the body's size, or another line's, only this close (relative)"
    )
    char_px: float = tunable(
        32.0, "px", 10.0, 100.0, "a scan with smaller body characters (ink blobs, measured) "
        "is enlarged to this before OCR")
    min_photo_side: float = tunable(
        40.0, "pt", 5.0, 1000.0, "a printed area of a scan with no text, this large each way, "
        "is a photo")
    threads: int = tunable(
        0, "count", 0, 256, "engine threads per process (0: the engine's default, all cores)"
    )
    cache: bool = field(default=True, metadata={
        "unit": "flag", "doc": "keep OCR results by page image in the user cache (--no-ocr-cache)"})
    cache_mb: float = tunable(256.0, "MB", 1.0, 100_000.0, "most the OCR cache folder may hold")


@dataclass(frozen=True)
class RenderSettings(_Validated):
    """Renderer (layout.render): page geometry and typography."""

    writing_mode: str = field(default="horizontal", metadata={
        "unit": "name", "choices": ("horizontal", "vertical"),
        "doc": "horizontal (lines left to right, top to bottom) or vertical (直排: columns top "
               "to bottom, right to left, in tiers; --writing-mode)"})
    vertical_tier_em: float = tunable(
        50.0, "em", 10.0, 500.0, "a vertical page whose columns would be longer than this many "
        "body characters is set in two tiers (段) unless --columns says otherwise")
    margin_mm: float = tunable(18.0, "mm", 0.0, 80.0, "page margin on every side")
    column_gap_mm: float = tunable(6.0, "mm", 0.0, 40.0, "gap between text columns")
    han_latin_gap: float = tunable(0.25, "em", 0.0, 1.0, "space between Han and Latin/digits")
    punctuation_compression: float = tunable(
        0.5, "em", 0.0, 0.5, "how much of a full-width mark may be squeezed out to fit a line"
    )
    keep_lines: int = tunable(2, "count", 1, 5, "body lines kept with a headline or subhead")
    figure_enlargement: float = tunable(
        2.0, "ratio", 1.0, 10.0, "largest enlargement of a photo over its printed width"
    )
    prefill_chunk_blocks: int = tunable(
        16, "count", 1, 100_000, "text blocks a typesetting worker of convert --jobs sends at "
        "once (fewer: the build gets lines sooner; more: less overhead per message)")


@dataclass(frozen=True)
class LimitsSettings(_Validated):
    """Bounds on work and memory, whatever numbers an input file holds (DESIGN: bad input)."""

    max_pages: int = tunable(
        2000, "count", 1, 1_000_000, "pages one input may hold; more is bad input (exit 2)"
    )
    page_seconds: float = tunable(
        60.0, "s", 0.1, 86_400.0, "time budget of one page's analysis, in CPU seconds of the "
        "thread analysing it (not wall time, so the same under load); a page over it is "
        "skipped (partial)"
    )
    ocr_seconds: float = tunable(
        600.0, "s", 0.1, 86_400.0, "time budget of one page's OCR (when it needs OCR), in "
        "CPU seconds of the thread asking for it; a page over it is skipped (partial)"
    )
    max_page_objects: int = tunable(
        1_000_000, "count", 1_000, 100_000_000, "characters, drawing objects and path "
        "segments a PDF reader takes from one page; a page with more is skipped (partial)"
    )
    max_glyph_size: float = tunable(
        5000.0, "pt", 10.0, 1e6, "glyphs set larger than this are dropped with a warning"
    )
    max_coordinate: float = tunable(
        1e5, "pt", 1e3, 1e9, "glyphs placed further than this from the origin are dropped"
    )
    max_figure_pixels: int = tunable(
        4_000_000, "px", 10_000, 100_000_000, "largest photo crop; bigger ones are scaled down"
    )
    max_overlay_pixels: int = tunable(
        16_000_000, "px", 100_000, 200_000_000, "largest page image `layout inspect` draws"
    )
    max_image_pixels: int = tunable(
        64_000_000, "px", 1_000_000, 1_000_000_000,
        "largest image Pillow decodes (decompression-bomb guard)",
    )
    max_line_chars: int = tunable(
        2000, "chars", 100, 1_000_000,
        "a dump line longer than this is read as several lines (no character dropped)",
    )
    max_ocr_pixels: int = tunable(
        24_000_000, "px", 100_000, 400_000_000,
        "largest page image OCR'd; a page rendered bigger is OCR'd at a lower resolution",
    )


@dataclass(frozen=True)
class Settings(_Validated):
    """All tunables, one section per stage."""

    clean: CleanSettings = field(default_factory=CleanSettings)
    text: TextSettings = field(default_factory=TextSettings)
    pdf: PdfSettings = field(default_factory=PdfSettings)
    render: RenderSettings = field(default_factory=RenderSettings)
    ocr: OcrSettings = field(default_factory=OcrSettings)
    limits: LimitsSettings = field(default_factory=LimitsSettings)

    def with_overrides(self, **sections: dict[str, Any]) -> Settings:
        """A copy with some fields changed: ``with_overrides(render={"margin_mm": 12})``."""
        changed = {}
        for name, values in sections.items():
            if not hasattr(self, name):
                raise UsageError(f"no settings section {name!r}")
            section = getattr(self, name)
            known = {f.name for f in fields(section)}
            for key in values:
                if key not in known:
                    raise UsageError(f"no setting {name}.{key}")
            changed[name] = replace(section, **values)
        return replace(self, **changed)


DEFAULT_SETTINGS = Settings()
