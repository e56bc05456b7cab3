"""Text typeset in workers before the build (render_issues with jobs > 1): the same PDF."""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from reportlab import rl_config
from reportlab.platypus import KeepTogether

from layout.render import pdf, prefill
from layout.render.flowables import TextBlock
from layout.render.fonts import load_font_set
from layout.render.glyphs import Measure
from layout.render.options import RenderOptions
from layout.render.pdf import render_issues
from layout.render.styles import theme_for
from layout.settings import Settings
from tests.render.samples import BUILTIN_PARAGRAPHS, builtin_issue


def _multi_page_issue():
    """Two pages of the built-in articles (enough blocks for two jobs)."""
    one = builtin_issue(repeat=4)
    second = replace(one.pages[0], number=2, section="第二版")
    return replace(one, pages=(one.pages[0], second))


def _render(issue, jobs: int, options: RenderOptions) -> bytes:
    stream = io.BytesIO()
    render_issues([issue], stream, options, Settings(), jobs)
    return stream.getvalue()


@pytest.mark.parametrize("columns", [1, 2])
def test_jobs_2_writes_the_bytes_of_jobs_1(monkeypatch, columns):
    monkeypatch.setattr(rl_config, "invariant", 1)  # no timestamps: runs compare bytewise
    prefilled: list[int] = []

    def spy(story, width, jobs, fonts):
        prefilled.append(prefill.prefill_lines(story, width, jobs, fonts))
        return prefilled[-1]

    monkeypatch.setattr(pdf, "prefill_lines", spy)
    issue, options = _multi_page_issue(), RenderOptions(columns=columns)
    serial = _render(issue, 1, options)
    assert prefilled == []  # one job: the build typesets as it goes
    assert _render(issue, 2, options) == serial
    if columns == 1:
        assert prefilled and prefilled[0] >= 2 * prefill.MIN_BLOCKS_PER_JOB
    else:  # blocks wrapped at the column's width, not the frame's: left to the build
        assert prefilled == []


FONTS = load_font_set(None, None, False)


def _blocks(count: int) -> list[TextBlock]:
    fonts = FONTS
    style = theme_for("print")["paragraph"]
    measure = Measure(fonts, getattr(fonts, style.face), style.size)
    texts = [p * (1 + k % 3) for k, p in enumerate(builtin_paragraphs(count))]
    return [TextBlock(text, style, measure) for text in texts]


def builtin_paragraphs(count: int) -> list[str]:
    return [BUILTIN_PARAGRAPHS[k % len(BUILTIN_PARAGRAPHS)] for k in range(count)]


def test_prefilled_lines_are_the_lines_the_build_would_set():
    blocks = _blocks(2 * prefill.MIN_BLOCKS_PER_JOB + 3)
    story = [*blocks[:10], KeepTogether(blocks[10:20]), *blocks[20:]]
    assert prefill.prefill_lines(story, 300.0, 1, FONTS) == 0
    assert all(block.lines is None for block in blocks)
    assert prefill.prefill_lines(story, 300.0, 2, FONTS) == len(blocks)
    expected = [_blocks(len(blocks))[k].typeset_for(300.0) for k in range(len(blocks))]
    assert [block.lines for block in blocks] == expected
    assert prefill.prefill_lines(story, 300.0, 2, FONTS) == 0  # already set: nothing to do


def test_shares_cover_every_block_once_in_order():
    blocks = _blocks(45)
    for parts in (1, 2, 3, 7):
        shares = prefill._shares(blocks, parts)
        assert shares[0][0] == 0 and shares[-1][1] == len(blocks)
        assert all(a[1] == b[0] for a, b in zip(shares, shares[1:], strict=False))
        assert len(shares) == parts


def test_a_char_no_face_covers_is_warned_about_once_as_in_a_serial_run(caplog):
    fonts = replace(FONTS)  # a fresh set: nothing recorded missing yet
    blocks = _blocks(2 * prefill.MIN_BLOCKS_PER_JOB)
    for block in blocks:
        block.measure = replace(block.measure, fonts=fonts, _cache={})
    blocks[-1].text += "表情😀与泰文ก。"  # in a worker's share
    blocks[0].text += "又是😀。"  # and in this process's
    with caplog.at_level(logging.WARNING, logger="layout.fonts"):
        assert prefill.prefill_lines(blocks, 300.0, 2, fonts) == len(blocks)
    warned = [r.getMessage() for r in caplog.records if "no font has a glyph" in r.getMessage()]
    assert len(warned) == 2 and "U+1F600" in warned[0] and "U+0E01" in warned[1]
    assert set(fonts.missing()) == {"😀", "ก"}


def test_convert_of_a_dump_jobs_2_writes_the_bytes_and_warnings_of_jobs_1(tmp_path):
    articles = [f"标题第{n}篇\n\n" + "\n".join(f"　　{p}" for p in builtin_paragraphs(12))
                for n in range(5)]
    dump = tmp_path / "page.txt"
    dump.write_text("测试日报\n\n" + "\n\n".join(articles) + "\n　　表情😀与泰文ก。\n", "utf-8")
    env = {**os.environ, "RL_invariant": "1",
           "PYTHONPATH": os.pathsep.join([str(Path.cwd()), os.environ.get("PYTHONPATH", "")])}
    runs = [subprocess.run([sys.executable, "-m", "layout", "convert", str(dump), "-o",
                            str(tmp_path / f"{jobs}.pdf"), "--jobs", str(jobs)],
                           env=env, capture_output=True, text=True, check=True)
            for jobs in (1, 2)]
    assert (tmp_path / "2.pdf").read_bytes() == (tmp_path / "1.pdf").read_bytes()
    assert runs[1].stdout == runs[0].stdout == ""
    warnings = [[line for line in run.stderr.splitlines() if "WARNING" in line] for run in runs]
    assert warnings[1] == warnings[0] and "\n".join(warnings[0]).count("U+1F600") == 2
