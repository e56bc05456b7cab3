"""Bylines and datelines of an article.

Takes an article's text blocks (and the body's font and size); returns the blocks at
the head of the body that name its authors (:func:`leading_bylines`), grouped in rows
(:func:`rows_of`, :func:`join_role_rows`) and read as byline text (:func:`row_text`);
tells a line of bare names (:func:`bare_names_line`), names under a role line that
names no one (:func:`names_under_role`) and a dateline opening (:func:`whole_dateline`,
:func:`opens_with_dateline`), and adds a dateline's names to the bylines
(:func:`dateline_bylines`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from layout.analysis.names import splits_into_names
from layout.analysis.patterns import (
    dateline_names,
    format_byline,
    is_byline,
    parse_byline,
    split_dateline,
)
from layout.analysis.pdf.blocks import TextBlock
from layout.analysis.pdf.name_runs import names_text
from layout.analysis.pdf.ownership import Item
from layout.analysis.pdf.paragraphs import lines_text
from layout.analysis.pdf.text_line import TextLine


def bare_names_line(block: TextBlock, body_size: float) -> bool:
    """One line of bare names from the surname table (张春; 李非 黄婧), set near body
    size: before an article's first paragraph (under its photo, atop its column) it is
    the byline."""
    return _bare_names_row([block], body_size)


def _bare_names_row(row: Sequence[TextBlock], body_size: float) -> bool:
    """Blocks of one line each, side by side, near body size, that read as bare names
    (:func:`bare_names_line`; a wide gap may cut one line of names into blocks)."""
    if not row or any(len(b.lines) != 1 or b.size > 1.3 * body_size for b in row):
        return False
    text = " ".join(names_text(b.lines[0]) for b in row)
    parsed = parse_byline(text)
    # each name written apart, 2-4 characters: a short title (新苗成大树) is no name
    return parsed is not None and parsed.bare and len(parsed.names) <= 3 and all(
        2 <= len(token) <= 4 for token in text.split())


def row_text(row: Sequence[TextBlock]) -> str:
    """A byline row's text, its names apart: blocks of one line each on one baseline read
    as one line (letter-spaced names set as pieces, 罗兴武 孙 萌 刘 洋: the single
    characters pair up as :func:`names_text` pairs them), else each block's text."""
    if len(row) >= 2 and all(len(b.lines) == 1 for b in row) and (
            max(b.lines[0].glyphs[0].base_y for b in row)
            - min(b.lines[0].glyphs[0].base_y for b in row) <= 0.3 * row[0].size):
        glyphs = sorted((g for b in row for g in b.lines[0].glyphs), key=lambda g: g.x0)
        return names_text(TextLine(tuple(glyphs)))
    return " ".join(_names_or_text(b) for b in row)


def _names_or_text(block: TextBlock) -> str:
    """A one-line block's text with its names set apart (:func:`names_text`), else its
    text."""
    return names_text(block.lines[0]) if len(block.lines) == 1 else block_text(block)


def join_role_rows(rows: list[list[TextBlock]], body_size: float) -> list[list[TextBlock]]:
    """Byline rows with a row of bare names joined to the row right above it when that
    one names no one (新华社记者 / 史杰 诸葛洋刚)."""
    out: list[list[TextBlock]] = []
    for row in rows:
        if out and names_under_role(
                row, out[-1], " ".join(block_text(b) for b in out[-1]), body_size):
            out[-1] = [*out[-1], *row]
        else:
            out.append(row)
    return out


def whole_dateline(text: str) -> bool:
    """The text is a dateline and nothing more: 本报讯（记者 张三 通讯员 李四）."""
    split = split_dateline(text)
    return split is not None and not split[1] and ("（" in split[0] or "(" in split[0])


def opens_with_dateline(text: str) -> bool:
    """The text opens with a dateline naming its reporters (本报上海11月21日电（记者 张三）
    …): an article's first paragraph, however short, whose dateline's own face makes most
    of it (本报上海11月21日电（记者 张三）（一）), not a subhead; also when the text stops
    inside the parentheses (本报讯（记者 梁鸣 通讯员: its line ends there)."""
    for candidate in (text, text + "）"):  # (broken inside its names)
        split = split_dateline(candidate)
        if split is not None and ("（" in split[0] or "(" in split[0]):
            return True
    return False


def names_under_role(row: Sequence[Item], above: Sequence[TextBlock], byline: str,
                      body_size: float) -> bool:
    """``row`` is a line of bare names set right under a byline that names no one
    (新华社记者 / 史杰 诸葛洋刚, the names often smaller): the names are that byline's."""
    blocks = [b for b in row if isinstance(b, TextBlock)]
    if len(blocks) != len(row) or not above or not _bare_names_row(blocks, body_size):
        return False
    parsed = parse_byline(byline)
    if parsed is None or parsed.names:
        return False
    box = max(above, key=lambda b: b.bbox.bottom).bbox
    first = min(blocks, key=lambda b: b.bbox.x0)
    gap = first.bbox.top - box.bottom
    return (-0.3 * first.size <= gap <= 1.5 * max(first.size, body_size)
            and any(b.bbox.horizontal_overlap(box) > 0 for b in blocks))


def _reads_as_names(block: TextBlock) -> bool:
    """A run of Han characters set apart as names the byline patterns accept (the
    surname table): not a phrase that happens to have no punctuation
    (到举办第一届全国青少年三大球运动会), nor a short label (投资要点, 相关研究)."""
    compact = block.text.replace(" ", "")
    return parse_byline(_names_or_text(block)) is not None or splits_into_names(compact)


def _looks_like_names(text: str) -> bool:
    """A short line of Han names or role words, nothing else: 本报记者 张三 李四."""
    compact = text.replace(" ", "").replace("·", "")
    return 2 <= len(compact) <= 40 and all("\u4e00" <= ch <= "\u9fff" for ch in compact)



def block_text(block: TextBlock) -> str:
    return lines_text(block.lines)


def leading_bylines(items: Sequence[Item], body_font: str, body_size: float) -> list[TextBlock]:
    """Blocks at the head of the body that name the authors (记者 张三 / a line of names).

    A byline sits above, or level with, the first line of the body text; it reads as a
    byline (:func:`is_byline`) or, set unlike the body, as a short line of names.
    """
    blocks = [i for i in items if isinstance(i, TextBlock)]
    body = [b for b in blocks if b.font == body_font and abs(b.size - body_size) <= 0.6
            and len(b.lines) >= 2]
    body_top = min((b.bbox.top for b in body), default=float("inf"))
    found: list[TextBlock] = []
    for b in blocks:
        if len(b.lines) > 2 or b.bbox.top > body_top + 0.75 * body_size:
            continue
        text = block_text(b)
        body_like = b.font == body_font and abs(b.size - body_size) <= 0.6
        level = b.bbox.top > body_top - 0.5 * body_size
        if level and not any(abs(o.bbox.x0 - b.bbox.x0) <= 0.5 * body_size for o in body):
            continue  # level with the body but not flush left: a centred subhead
        if level and body_like and not is_byline(text) and not bare_names_line(b, body_size):
            continue  # a paragraph's last word atop the next column (指导), no name
        if is_byline(text) or (_looks_like_names(text) and (not body_like or len(b.lines) == 1)
                               and _reads_as_names(b)):
            found.append(b)
    return sorted(found, key=lambda b: (b.bbox.top, b.bbox.x0))


def rows_of(blocks: Sequence[TextBlock]) -> list[list[TextBlock]]:
    """Blocks on one row a few ems apart (the parts of one byline line), left to right."""
    rows: list[list[TextBlock]] = []
    for b in sorted(blocks, key=lambda b: (b.bbox.top, b.bbox.x0)):
        last = rows[-1][-1] if rows else None
        if last is not None and b.bbox.vertical_overlap(last.bbox) > 0.5 * min(
                b.bbox.height, last.bbox.height) and b.bbox.x0 - last.bbox.x1 <= 4 * b.size:
            rows[-1].append(b)
        else:
            rows.append([b])
    return rows


def dateline_bylines(dateline: str, bylines: list[str]) -> None:
    """The names in a dateline's parentheses (本报讯（记者 张三 通讯员 李四）) are the
    article's authors: they join the bylines unless a byline already names them."""
    names = dateline_names(dateline)
    have = "".join(bylines).replace(" ", "")
    if names and not all(n in have for n in names):
        inner = re.search(r"[（(]([^）)]*)[）)]", dateline)
        bylines.append(format_byline(inner.group(1) if inner else " ".join(names)))

