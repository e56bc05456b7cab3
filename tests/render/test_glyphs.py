"""Glyph kinds, drawable text and clusters (the line breaker's units)."""

from __future__ import annotations

import unicodedata

from layout.render.glyphs import char_kind, clusters_of, drawable
from layout.render.typeset import typeset

SIZE = 10.0
WIDTH = 200.0



def test_clusters_glue_prohibited_punctuation_and_pairs(measure):
    texts = ["".join(g.char for g in c) for c in clusters_of("他说：“好——是……”。AI技术", measure)]
    assert texts == ["他", "说：", "“好", "——", "是", "……”。", "AI", "技", "术"]


def test_control_and_format_characters_never_reach_a_font_run(measure, caplog):
    text = "控制\x07字符\x00与\u200b格式\ufeff字符\u00ad，换行\n和制表\t都是空白。"
    with caplog.at_level("WARNING", logger="layout.render"):
        lines = typeset(text, measure, WIDTH, 2.0)
    drawn = "".join(run.text for line in lines for run in line.runs)
    assert drawn == "控制字符与格式字符，换行和制表都是空白。"
    assert not any(unicodedata.category(c) in ("Cc", "Cf") for c in drawn)
    assert {g.char for c in clusters_of("换行\n和\t制表", measure) for g in c
            if char_kind(g.char) == 3} == {" "}  # whitespace is measured as a space
    logged = " ".join(r.getMessage() for r in caplog.records)
    for code in ("U+0007", "U+0000", "U+200B", "U+FEFF", "U+00AD"):
        assert code in logged
    assert drawable("一\u3000二") == "一\u3000二"  # the ideographic space stays a full em

