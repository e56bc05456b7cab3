"""Page progress: every page read is told to the listener, serially and with --jobs; the
CLI's page bar shows only on a terminal and without -q."""

from __future__ import annotations

import io
import sys

import pytest

from layout.cli import commands, main
from layout.pipeline import read_issue
from layout.progress import page_done, reporting_pages
from layout.settings import DEFAULT_SETTINGS
from tests.ingest.sample_pages import two_page_pdf


def test_no_listener_no_call_and_blocks_nest():
    heard: list[tuple] = []
    page_done(__file__, 1, 1)  # nobody listens: nothing happens
    with reporting_pages(lambda *told: heard.append(told)):
        page_done("a", 1, 2)
        with reporting_pages(None):
            page_done("a", 2, 2)
        page_done("b", 1, 1)
    page_done("c", 1, 1)
    assert heard == [("a", 1, 2), ("b", 1, 1)]


@pytest.mark.parametrize("jobs", [1, 2])
def test_each_page_of_a_pdf_is_told_once(tmp_path, jobs):
    pdf = two_page_pdf(tmp_path / "two.pdf")
    heard: list[tuple] = []
    with reporting_pages(lambda *told: heard.append(told)):
        issue = read_issue([pdf], DEFAULT_SETTINGS, jobs=jobs)
    assert len(issue.pages) == 2
    assert sorted(heard) == [(pdf, 1, 2), (pdf, 2, 2)]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("terminal, quiet", [(True, False), (True, True), (False, False)])
def test_page_bar_only_on_a_terminal_without_q(tmp_path, monkeypatch, terminal, quiet):
    pdf = two_page_pdf(tmp_path / "two.pdf")
    monkeypatch.setattr(commands, "PAGE_BAR_DELAY_S", 0.0)  # show it at once
    stderr = _Terminal() if terminal else io.StringIO()
    monkeypatch.setattr(sys, "stderr", stderr)
    args = ["analyze", str(pdf), "-o", str(tmp_path / "two.json")]
    assert main(args + (["-q"] if quiet else [])) == 0
    err = stderr.getvalue()
    assert ("2/2" in err and "page/s" in err) == (terminal and not quiet), err
