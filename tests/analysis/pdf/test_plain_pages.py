"""Pages that are no newspaper: a report with a sidebar, a book page of plain text.

Hand-built forms of what the real pages of ``../shared/corpus/real`` (a broker report,
a book page; see ``test_real_pages.py``) showed, so each rule is pinned without the
corpus: points set apart by a blank line, a sidebar under its own label beside the
report's text, short labels in another colour, an opening mark kerned back over the
glyph before it, a plain-text page's centred title.
"""

from layout.analysis.pdf.paragraphs import lines_text, paragraph_lines
from tests.analysis.pdf.glyph_builders import blocks_of, column

FULL = "一二三四五六七八九十甲乙丙丁"  # one full line of the column (14 em)


def _texts(blocks, siblings=None):
    return [lines_text(p) for p in paragraph_lines(blocks, siblings or blocks)]


def test_points_set_apart_by_a_blank_line_are_paragraphs_when_each_is_a_block():
    """Flush text whose paragraphs end on a full line: only the blank line between two
    blocks sets them apart (a report's bulleted points)."""
    a = column([FULL] * 4, 0, 0, 14)
    b = column([FULL] * 4, 0, 75, 14)  # 15 pt pitch: a blank line over b
    c = column([FULL] * 2, 0, 150, 14)
    blocks = blocks_of(a + b + c)
    assert len(blocks) == 3
    assert _texts(blocks) == [FULL * 4, FULL * 4, FULL * 2]


def test_a_paragraph_broken_by_a_photo_in_its_column_stays_one():
    """Text under a photo in the same column, far more than a blank line down: the
    paragraph runs on under the photo."""
    blocks = blocks_of(column([FULL] * 4, 0, 0, 14) + column([FULL] * 3, 0, 160, 14))
    assert len(blocks) == 2
    assert _texts(blocks) == [FULL * 7]
