"""CLI outcomes of hostile input: bounded time, one-line errors, partial results (exit 3).

Each case is a file a user could hand the tool (written as raw bytes in tmp_path):
glyphs at 1e11 pt, more pages than --max-pages, a scan without text, a font without
ToUnicode, a page over its time budget, a million form feeds.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from layout import budget
from layout.analysis.pdf import page as page_module
from layout.cli import main
from tests.pdfbytes import (
    HELVETICA,
    RawPageSpec,
    build_pdf,
    huge_font_pdf,
    image_pdf,
    no_tounicode_pdf,
)

TEXT = b"BT /F1 14 Tf 30 250 Td (A line of text on this page) Tj ET\n"


def _run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "layout", *args], capture_output=True,
                          text=True, timeout=timeout)


@pytest.mark.parametrize("reader", ["pdfium", "pdfplumber"])
def test_glyphs_at_1e11_pt_end_in_seconds_with_one_line(tmp_path, reader):
    alone = tmp_path / "huge.pdf"
    alone.write_bytes(huge_font_pdf(1e11, 10))  # hung `convert` before
    done = _run("convert", str(alone), "-o", str(tmp_path / "out.pdf"), "--reader", reader,
                "--ocr", "never")
    assert done.returncode == 2, done.stderr
    [error] = [ln for ln in done.stderr.splitlines() if "error" in ln]
    # pdfium drops such glyphs itself; pdfplumber reads them and the screen drops them
    assert error in (
        f"layout: error: {alone}: no text layer on any page (scanned? OCR is off: --ocr "
        "never)",
        f"layout: error: {alone}: no readable text on any page (10 glyphs not readable as "
        "text, see the warnings; OCR is off: --ocr never)")
    assert not (tmp_path / "out.pdf").exists() and "Traceback" not in done.stderr
    mixed = tmp_path / "mixed.pdf"
    huge = b"".join(b"BT /F1 100000000000 Tf %d 150 Td (A) Tj ET\n" % (20 + 30 * k)
                    for k in range(10))
    mixed.write_bytes(build_pdf([RawPageSpec(TEXT + huge)]))
    done = _run("analyze", str(mixed), "-o", "-", "--reader", reader)
    assert done.returncode == 0, done.stderr
    assert "A line of text" in json.loads(done.stdout)["pages"][0]["articles"][0][
        "blocks"][0]["text"]
    if reader == "pdfplumber":
        assert "10 glyphs of absurd size or position dropped" in done.stderr


def test_more_pages_than_max_pages_exits_2_before_any_work(tmp_path, capsys):
    path = tmp_path / "three.pdf"
    path.write_bytes(build_pdf([RawPageSpec(TEXT)] * 3))
    out = tmp_path / "o.json"
    assert main(["analyze", str(path), "-o", str(out), "--max-pages", "2"]) == 2
    assert capsys.readouterr().err == f"layout: error: {path}: 3 pages, over --max-pages 2\n"
    assert not out.exists()
    assert main(["analyze", str(path), "-o", str(out), "--max-pages", "0"]) == 1
    assert main(["analyze", str(path), "-o", str(out), "--max-pages", "3"]) == 0


def test_a_scan_without_text_exits_2_naming_the_problem(tmp_path, capsys):
    path = tmp_path / "scan.pdf"
    path.write_bytes(image_pdf(64, 400.0))
    out = tmp_path / "o.pdf"
    assert main(["convert", str(path), "-o", str(out), "--ocr", "never"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[-1] == (f"layout: error: {path}: no text layer on any page "
                       "(scanned? OCR is off: --ocr never)")
    assert not out.exists()


def test_a_font_without_tounicode_is_warned_about_and_never_printed(tmp_path, capsys):
    path = tmp_path / "cid.pdf"
    path.write_bytes(no_tounicode_pdf(340))
    out, js = tmp_path / "o.pdf", tmp_path / "o.json"
    assert main(["convert", str(path), "-o", str(out), "--json", str(js)]) == 0
    err = capsys.readouterr().err
    assert (f"{path}: page 1: font ABCDEF+Foo has no ToUnicode map; 340 glyphs unreadable "
            "(needs OCR)") in err
    assert "cid:" not in js.read_text(encoding="utf-8")


def test_a_page_over_its_budget_is_skipped_and_the_run_exits_3(tmp_path, capsys,
                                                               monkeypatch):
    path = tmp_path / "three.pdf"
    path.write_bytes(build_pdf([RawPageSpec(TEXT, fonts={"F1": HELVETICA})] * 3))
    now = [0.0]
    monkeypatch.setattr(budget.time, "thread_time", lambda: now[0])
    real = page_module.analyze_raw_page

    def slow_second_page(raw, settings):
        if raw.number == 2:
            now[0] += 1000.0
        return real(raw, settings)

    monkeypatch.setattr(page_module, "analyze_raw_page", slow_second_page)
    out, js = tmp_path / "o.pdf", tmp_path / "o.json"
    assert main(["convert", str(path), "-o", str(out), "--json", str(js)]) == 3
    assert f"{path}: page 2: over the 60 s page budget; skipped" in capsys.readouterr().err
    data = json.loads(js.read_text(encoding="utf-8"))
    assert [p["number"] for p in data["pages"]] == [1, 3]
    assert data["skipped"] == [f"{path}: page 2: over the 60 s page budget; skipped"]
    assert out.stat().st_size > 0


def test_a_million_form_feeds_analyse_at_once(tmp_path, capsys):
    path = tmp_path / "ff.txt"
    path.write_bytes("标题\n正文。\n".encode() + b"\f" * 1_000_000 + "末页。\n".encode())
    out = tmp_path / "o.json"
    assert main(["analyze", str(path), "-o", str(out)]) == 0
    assert "999999 blank pages skipped" in capsys.readouterr().err
    assert len(json.loads(out.read_text(encoding="utf-8"))["pages"]) == 2


def test_a_dump_page_over_its_budget_makes_a_batch_partial(tmp_path, capsys, monkeypatch):
    from layout.analysis.text import dump
    from layout.errors import BudgetExceeded

    issues = tmp_path / "issues"
    issues.mkdir()
    (issues / "a.txt").write_text("标题一\n正文内容。\n\f标题二\n正文内容。\n", encoding="utf-8")
    (issues / "b.txt").write_text("标题三\n正文内容。\n", encoding="utf-8")
    real = dump.analyze_page

    def slow_second_page(page, settings):
        if page.number == 2:
            raise BudgetExceeded(60)  # what check_budget raises once the deadline passed
        return real(page, settings)

    monkeypatch.setattr(dump, "analyze_page", slow_second_page)
    out = tmp_path / "out"
    assert main(["batch", str(issues), "-o", str(out), "-q"]) == 3
    report = json.loads((out / "batch-report.json").read_text(encoding="utf-8"))
    skipped = {Path(item["source"]).name: (item["status"], item["skipped_pages"])
               for item in report["items"]}
    assert skipped == {"a.txt": ("partial", [f"{issues / 'a.txt'}: page 2: over the 60 s "
                                             "page budget; skipped"]), "b.txt": ("ok", [])}
    assert json.loads((out / "a.json").read_text(encoding="utf-8"))["skipped"]
