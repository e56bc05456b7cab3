"""Text cleaning for strings read from PDF glyphs.

Takes the text of lines joined by the PDF stages; returns it clean as DESIGN §2 asks
(no junk, no space between CJK characters, one space inside a two-part headline)
using :mod:`layout.clean`, but without its text-level fake-bold undoubling: in a PDF
fake bold is removed from the geometry (``layout.analysis.pdf.chars``), and undoubling
the text again would eat real reduplications such as 大大小小 or 谢谢谢谢.
"""

from __future__ import annotations

from layout.clean import clean_text, clean_title
from layout.settings import CleanSettings

# thresholds at their maximum: no run of real text is long enough to be undoubled
_NO_UNDOUBLING = CleanSettings(min_doubled_pairs=100, min_doubled_line_pairs=100,
                               doubled_line_strays=0)


def body_text(text: str) -> str:
    """Paragraph, caption or byline text: junk dropped, CJK spaces removed."""
    return clean_text(text, _NO_UNDOUBLING)


def title_text(text: str) -> str:
    """Headline, kicker, subtitle or furniture text (keeps a two-part headline's space)."""
    return clean_title(text, _NO_UNDOUBLING)
