"""Pages in parallel (--jobs): byte-identical JSON and PDF to a serial run; errors as in a
serial run."""

from __future__ import annotations

import pytest

from layout.cli import main
from layout.errors import InputError
from layout.pipeline import read_issue
from layout.settings import DEFAULT_SETTINGS
from tests.synth import epaper_fonts


@pytest.fixture(scope="module")
def issue_pdf(tmp_path_factory):
    if not epaper_fonts.available_faces():
        pytest.skip("no CJK TrueType face for the generator")
    from tests.synth.epaper import generate_issue

    path = tmp_path_factory.mktemp("jobs") / "issue.pdf"
    generate_issue(4, 4, path)
    return path


def test_analyze_jobs_2_writes_the_same_bytes_as_jobs_1(issue_pdf, tmp_path):
    serial, parallel = tmp_path / "serial.json", tmp_path / "parallel.json"
    assert main(["analyze", str(issue_pdf), "-o", str(serial), "--jobs", "1"]) == 0
    assert main(["analyze", str(issue_pdf), "-o", str(parallel), "--jobs", "2"]) == 0
    data = serial.read_bytes()
    assert data.count(b'"number"') >= 4 and b"data:image/jpeg" in data
    assert parallel.read_bytes() == data


def test_convert_jobs_2_writes_the_same_pdf_as_jobs_1(issue_pdf, tmp_path, monkeypatch):
    from reportlab import rl_config

    from tests.render.test_prefill import spy_on_feeds

    monkeypatch.setattr(rl_config, "invariant", 1)  # no timestamps: runs compare bytewise
    feeds = spy_on_feeds(monkeypatch)
    serial, parallel = tmp_path / "serial.pdf", tmp_path / "parallel.pdf"
    serial_json, parallel_json = tmp_path / "serial.json", tmp_path / "parallel.json"
    assert main(["convert", str(issue_pdf), "-o", str(serial), "--json", str(serial_json),
                 "--jobs", "1"]) == 0
    assert feeds == [None]  # one job: the build typesets as it goes
    assert main(["convert", str(issue_pdf), "-o", str(parallel), "--json",
                 str(parallel_json), "--jobs", "2"]) == 0
    assert feeds[1] is not None and feeds[1].received > 0  # text typeset in a worker
    assert parallel.read_bytes() == serial.read_bytes()
    assert parallel_json.read_bytes() == serial_json.read_bytes()  # written by another process


def _page_files(issue_pdf, folder, names):
    """One-page PDFs of the issue's first pages, named ``names``."""
    import pypdfium2 as pdfium

    folder.mkdir()
    source = pdfium.PdfDocument(str(issue_pdf))
    for index, name in enumerate(names):
        page_doc = pdfium.PdfDocument.new()
        page_doc.import_pages(source, [index])
        page_doc.save(str(folder / name))
        page_doc.close()
    source.close()
    return [folder / name for name in names]


def test_a_folder_of_page_files_in_parallel(issue_pdf, tmp_path):
    folder = tmp_path / "issue"
    _page_files(issue_pdf, folder, ["01.pdf", "02.pdf"])
    (folder / "03.txt").write_text("某某日报\n\n标题\n　　正文第一段。\n", "utf-8")
    serial = read_issue([folder], DEFAULT_SETTINGS, jobs=1)
    assert read_issue([folder], DEFAULT_SETTINGS, jobs=2) == serial
    assert len(serial.pages) == 3


def test_pages_renumbered_or_renamed_after_the_workers_give_the_same_json(issue_pdf, tmp_path):
    """The workers encode each page's JSON; where this process changes a page afterwards
    (pages of several files renumbered, the edition a one-page file's name states), the
    page is encoded again here, so the bytes stay those of a serial run."""
    files = _page_files(issue_pdf, tmp_path / "pages", ["a.pdf", "b.pdf", "第7版.pdf"])
    for k, inputs in enumerate(([files[2]], [files[1], files[0]])):
        serial, parallel = tmp_path / f"serial{k}.json", tmp_path / f"parallel{k}.json"
        args = ["analyze", *map(str, inputs), "-o"]
        assert main([*args, str(serial), "--jobs", "1"]) == 0
        assert main([*args, str(parallel), "--jobs", "2"]) == 0
        assert parallel.read_bytes() == serial.read_bytes()
    assert b'"id": "p2-a1"' in serial.read_bytes()  # a.pdf's page 1, renumbered 2


def test_a_bad_file_fails_as_in_a_serial_run(issue_pdf, tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4\n garbage")
    with pytest.raises(InputError, match="bad.pdf"):
        read_issue([issue_pdf, bad], DEFAULT_SETTINGS, jobs=2)
    assert main(["analyze", str(issue_pdf), "-o", str(tmp_path / "x.json"), "--jobs", "0"]) == 1


def test_workers_inherit_this_process_s_objects_frozen(issue_pdf, tmp_path, monkeypatch):
    """The objects a worker is forked with are out of its garbage collector (gc.freeze), so
    its collections do not copy the memory pages they lie on; this process gets them back."""
    import gc
    import os

    import layout.parallel as parallel

    task = parallel._pdf_page_task

    def counting_task(path, number, settings, page_json):
        (tmp_path / f"frozen-{os.getpid()}-{number}").write_text(str(gc.get_freeze_count()))
        return task(path, number, settings, page_json)

    counting_task.__module__, counting_task.__qualname__ = task.__module__, task.__qualname__
    monkeypatch.setattr(parallel, "_pdf_page_task", counting_task)  # forked: workers see it
    before = gc.get_freeze_count()
    issue = read_issue([issue_pdf], DEFAULT_SETTINGS, jobs=2)
    counts = [int(f.read_text()) for f in tmp_path.glob("frozen-*")]
    assert len(counts) == len(issue.pages) == 4
    assert all(count > 1000 for count in counts)  # the modules, the settings, ...
    assert gc.get_freeze_count() == before  # unfrozen here once the workers are done
