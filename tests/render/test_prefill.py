"""Text typeset in workers while the build runs (render_issues with jobs > 1): the same PDF."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import subprocess
import sys
import time
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


def spy_on_feeds(monkeypatch, wait: bool = True) -> list:
    """Record the :class:`prefill.LineFeed` (or None) of every build from now on; with
    ``wait``, the build's first take waits for all the workers' lines (so that they are
    used however busy the machine is: a build that overtakes its worker is tested apart)."""
    feeds: list = []
    real = prefill.line_feed

    @contextlib.contextmanager
    def spy(*args, **kwargs):
        with real(*args, **kwargs) as feed:
            feeds.append(feed)
            if feed is not None and wait:
                take = feed.take
                feed.take = lambda wait=False: take(wait=not feed.received)
            yield feed

    monkeypatch.setattr(pdf, "line_feed", spy)
    return feeds


@pytest.mark.parametrize("columns", [1, 2])
def test_jobs_2_writes_the_bytes_of_jobs_1(monkeypatch, columns):
    monkeypatch.setattr(rl_config, "invariant", 1)  # no timestamps: runs compare bytewise
    feeds = spy_on_feeds(monkeypatch)
    issue, options = _multi_page_issue(), RenderOptions(columns=columns)
    serial = _render(issue, 1, options)
    assert feeds == [None]  # one job: the build typesets as it goes
    assert _render(issue, 2, options) == serial
    if columns == 1:
        assert feeds[1] is not None and feeds[1].received == len(feeds[1].blocks)
    else:  # blocks wrapped at the column's width, not the frame's: left to the build
        assert feeds[1] is None


def test_a_build_that_overtakes_its_worker_writes_the_same_bytes(monkeypatch):
    """Lines that come late (or never) are typeset by the build itself."""
    monkeypatch.setattr(rl_config, "invariant", 1)
    issue, options = _multi_page_issue(), RenderOptions()
    serial = _render(issue, 1, options)
    real_work = prefill._work

    def late_worker(width, fonts, ranges, fd, readers):  # in the forked worker
        time.sleep(0.5)
        real_work(width, fonts, ranges[len(ranges) // 2:], fd, readers)

    monkeypatch.setattr(prefill, "_work", late_worker)
    feeds = spy_on_feeds(monkeypatch, wait=False)
    assert _render(issue, 2, options) == serial
    assert feeds[0] is not None and feeds[0].received < len(feeds[0].blocks)


FONTS = load_font_set(None, None, False)


def _blocks(count: int) -> list[TextBlock]:
    fonts = FONTS
    style = theme_for("print")["paragraph"]
    measure = Measure(fonts, getattr(fonts, style.face), style.size)
    texts = [p * (1 + k % 3) for k, p in enumerate(builtin_paragraphs(count))]
    return [TextBlock(text, style, measure) for text in texts]


def builtin_paragraphs(count: int) -> list[str]:
    return [BUILTIN_PARAGRAPHS[k % len(BUILTIN_PARAGRAPHS)] for k in range(count)]


def _fed(story, width: float, jobs: int, fonts=FONTS) -> int:
    """Blocks set from workers when all their lines are waited for."""
    with prefill.line_feed(story, width, jobs, fonts, chunk=5) as feed:
        return -1 if feed is None else feed.take(wait=True)


def test_fed_lines_are_the_lines_the_build_would_set():
    blocks = _blocks(3 * prefill.MIN_BLOCKS_PER_JOB + 3)
    story = [*blocks[:10], KeepTogether(blocks[10:20]), *blocks[20:]]
    assert _fed(story, 300.0, 1) == -1  # one job: no workers
    assert all(block.lines is None for block in blocks)
    assert _fed(story, 300.0, 3) == len(blocks)  # two workers, every block set once
    expected = [_blocks(len(blocks))[k].typeset_for(300.0) for k in range(len(blocks))]
    assert [block.lines for block in blocks] == expected
    assert all(block._width == 300.0 for block in blocks)
    assert _fed(story, 300.0, 2) == -1  # already set: nothing to do


def test_lines_of_a_block_the_build_typeset_meanwhile_are_dropped():
    blocks = _blocks(2 * prefill.MIN_BLOCKS_PER_JOB)
    own = _blocks(8)[7].typeset_for(300.0)
    with prefill.line_feed(blocks, 300.0, 2, FONTS, chunk=5) as feed:
        blocks[7].lines = own  # as if the build had reached it first (set after the fork)
        assert feed.take(wait=True) == len(blocks) - 1
    assert blocks[7].lines is own


def test_chunks_cover_every_block_once_in_order():
    for count, chunk, workers in ((45, 16, 1), (45, 16, 2), (45, 4, 3), (3, 16, 2)):
        ranges = [r for w in range(workers) for r in prefill._chunks(count, chunk, w, workers)]
        covered = sorted(k for a, b in ranges for k in range(a, b))
        assert covered == list(range(count))
        for w in range(workers):
            mine = list(prefill._chunks(count, chunk, w, workers))
            assert mine == sorted(mine)  # each worker goes through the story in order


def test_a_char_no_face_covers_is_warned_about_once_as_in_a_serial_run(caplog):
    fonts = replace(FONTS)  # a fresh set: nothing recorded missing yet
    blocks = _blocks(2 * prefill.MIN_BLOCKS_PER_JOB)
    for block in blocks:
        block.measure = replace(block.measure, fonts=fonts, _cache={})
    blocks[-1].text += "表情😀与泰文ก。"  # typeset in a worker
    blocks[0].text += "又是😀。"  # and in this process
    with caplog.at_level(logging.WARNING, logger="layout.fonts"):
        blocks[0].typeset_for(300.0)  # this process's (as the build does)
        blocks[0].lines = None  # left to the worker too: its warning is not repeated
        assert _fed(blocks, 300.0, 2, fonts) == len(blocks)
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
