"""Two-column spreads: column filling, balancing, splitting, and the rendered result."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from reportlab.platypus import KeepTogether
from reportlab.platypus.flowables import Spacer

from layout.render.columns import ColumnSpread, fill_column
from layout.render.flowables import TextBlock
from layout.render.fonts import load_font_set
from layout.render.glyphs import Measure
from layout.render.styles import PRINT, theme_for
from tests.render.samples import builtin_issue
from tests.render.test_pdf import checker_for, model_text, render

WIDTH = 200.0
BODY = PRINT["paragraph"]
LINE = BODY.line_height


@pytest.fixture(scope="module")
def measure() -> Measure:
    fonts = load_font_set()
    return Measure(fonts, fonts.body, BODY.size)


def paragraph(measure: Measure, lines: int) -> TextBlock:
    """A paragraph of exactly ``lines`` lines in a column of WIDTH points."""
    per_line = int(WIDTH // BODY.size)
    block = TextBlock("国" * (per_line * lines - 2), BODY, measure)
    assert len(block.typeset_for(WIDTH)) == lines
    return block


def test_a_group_that_does_not_fit_moves_whole_to_the_next_column(measure):
    first, group = paragraph(measure, 4), KeepTogether([paragraph(measure, 2),
                                                        paragraph(measure, 2)])
    placed, rest = fill_column([first, group], WIDTH, 6.5 * LINE)
    assert [p.flowable for p in placed] == [first] and rest == [group]
    placed, rest = fill_column([first, group], WIDTH, 8.5 * LINE)
    assert len(placed) == 3 and rest == []
    assert placed[2].top + placed[2].height <= 8.5 * LINE


def test_a_paragraph_splits_at_the_column_foot_and_space_vanishes_there(measure):
    long = paragraph(measure, 10)
    placed, rest = fill_column([long], WIDTH, 6.2 * LINE)
    assert len(placed[0].flowable.lines) == 6 and len(rest[0].lines) == 4
    placed, rest = fill_column([paragraph(measure, 3), Spacer(1, 2 * LINE)], WIDTH, 4 * LINE)
    assert len(placed) == 1 and rest == []


def test_a_spread_balances_its_columns_and_keeps_its_head_with_the_body(measure):
    head = [TextBlock("标题", PRINT["headline"], Measure(measure.fonts, measure.fonts.head,
                                                        PRINT["headline"].size),
                      headline=True)]
    body = [paragraph(measure, n) for n in (4, 4, 4, 4)]
    spread = ColumnSpread(head, body, 12.0)
    _, height = spread.wrap(2 * WIDTH + 12.0, 1000.0)
    left, right = spread.columns
    assert len(left) == 2 and len(right) == 2  # 8 lines each side
    head_height = height - 8 * LINE
    assert head_height < 3 * PRINT["headline"].line_height
    # room for the head and one body line only: the head does not stay behind alone
    assert spread.split(2 * WIDTH + 12.0, head_height + 1.5 * LINE) == []
    parts = spread.split(2 * WIDTH + 12.0, head_height + 6.2 * LINE)
    assert len(parts) == 2 and parts[0].head == head and parts[1].head == []
    assert parts[0].wrap(2 * WIDTH + 12.0, 1000.0)[1] <= head_height + 6.2 * LINE


@pytest.mark.parametrize("page_size", ["A4", "A5"])
def test_headlines_span_both_columns_and_the_end_is_balanced(tmp_path: Path, page_size):
    issue = builtin_issue(repeat=3)
    path, options = render(tmp_path, issue, f"span-{page_size}", page_size=page_size,
                           columns=2, table_of_contents=False)
    checker = checker_for(path, options)
    assert len(checker.columns) == 2
    theme = theme_for("print")
    heads = [ln for ln in checker.lines if round(ln.size, 1) == theme["headline"].size]
    assert heads and all(ln.spanning for ln in heads)
    last_page = max(ln.page for ln in checker.lines)
    bottoms = {}
    for line in checker.lines:
        if line.page == last_page and line.is_body:
            bottoms[line.column] = min(bottoms.get(line.column, 1e9), line.baseline)
    assert set(bottoms) == {0, 1}
    # unsplittable 3-line paragraphs and a subhead group limit the balance in narrow columns
    assert abs(bottoms[0] - bottoms[1]) <= 4 * theme.body.line_height


def test_balancing_never_splits_a_group_between_the_columns(measure):
    group = KeepTogether([paragraph(measure, 3), paragraph(measure, 2)])  # a photo + caption
    spread = ColumnSpread([], [paragraph(measure, 2), group], 12.0, group_limit=40 * LINE)
    spread.wrap(2 * WIDTH + 12.0, 1000.0)
    left, right = spread.columns
    members = {id(f) for f in group._content}
    sides = {side for side, column in enumerate((left, right)) for p in column
             if id(p.flowable) in members}
    assert len(sides) == 1
    # a group taller than a page's column flows apart rather than never fitting
    tall = ColumnSpread([], [group], 12.0, group_limit=3 * LINE)
    parts = tall.split(2 * WIDTH + 12.0, 3.2 * LINE)
    assert parts and len(parts[0].columns[0]) == 1 and len(parts[0].columns[1]) == 1


@pytest.mark.parametrize("theme", ["print", "screen"])
def test_short_and_flush_left_heads_still_read_in_order(tmp_path: Path, theme):
    # a short headline set flush left (screen theme) does not cross the column gap: a rule
    # across the columns marks the new story, so reading order stays band by band
    base = builtin_issue(repeat=4)
    page = base.pages[0]
    articles = tuple(replace(a, headline="短题", kicker=None, subtitle=None, bylines=())
                     for a in page.articles)
    issue = replace(base, pages=(replace(page, articles=articles),))
    path, options = render(tmp_path, issue, f"short-{theme}", columns=2, theme=theme,
                           table_of_contents=False)
    checker = checker_for(path, options)
    assert checker.check() == []
    assert checker.text() == model_text(issue)
