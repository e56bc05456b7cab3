"""Text drawing's shortcuts give what ReportLab gives: subset pieces, escaped strings."""

from __future__ import annotations

import io

from reportlab.lib.rl_accel import escapePDF
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfgen.canvas import Canvas

from layout.render.draw import escape_bytes, split_string
from layout.render.fonts import load_font_set
from tests.render.samples import BUILTIN_PARAGRAPHS


def test_escape_bytes_is_escape_pdf_on_every_byte():
    data = bytes(range(256)) + b"()\\\r\n\t" + bytes(range(255, -1, -1))
    assert escape_bytes(data) == escapePDF(data)
    assert escape_bytes(b"") == escapePDF(b"") == ""


def test_split_string_gives_reportlabs_pieces_for_known_and_new_characters():
    fonts = load_font_set(None, None, False)
    font = getFont(fonts.ensure(fonts.body))
    doc = Canvas(io.BytesIO())._doc
    known = "".join(BUILTIN_PARAGRAPHS)
    font.splitString(known, doc)  # codes given, more than one subset's worth
    assert len({subset for subset, _ in font.splitString(known, doc)}) > 1
    for text in (known, known[::-1], known[5:40], "", "，。", "A\u00a0B",
                 known[:10] + "龘靐齉" + known[10:20], "😀" + known[:3]):
        assert split_string(font, text, doc) == font.splitString(text, doc), text
    other = Canvas(io.BytesIO())._doc  # a document where nothing has a code yet
    assert split_string(font, known[:30], other) == font.splitString(known[:30], Canvas(
        io.BytesIO())._doc)


def test_spaced_run_across_subsets_places_each_piece_after_the_last_one():
    """With character spacing every subset piece gets its own text matrix, at the end of
    the piece before it (its glyphs' widths plus a spacing each)."""
    from layout.render.draw import _run_operators, draw_state
    from layout.render.typeset import Run

    fonts = load_font_set(None, None, False)
    name = fonts.ensure(fonts.body)
    font = getFont(name)
    doc = Canvas(io.BytesIO())._doc
    text = "".join(BUILTIN_PARAGRAPHS)
    pieces = font.splitString(text, doc)
    assert len(pieces) > 2
    ops = _run_operators(doc, escape_bytes, Run(name, text, 10.0, 0.5), 10.0, 700.0, 9.0,
                         draw_state(doc))
    matrices = [op for op in ops if op.endswith(" Tm")]
    x, start, expected = 10.0, 0, []
    for _, encoded in pieces:
        expected.append(f"1 0 0 1 {x:.3f} 700.000 Tm")
        x += font.stringWidth(text[start:start + len(encoded)], 9.0) + len(encoded) * 0.5
        start += len(encoded)
    assert matrices == expected
    plain = _run_operators(doc, escape_bytes, Run(name, text, 10.0, 0.0), 10.0, 700.0, 9.0,
                           draw_state(doc))
    assert [op for op in plain if op.endswith(" Tm")] == ["1 0 0 1 10.000 700.000 Tm"]
