"""The export subcommand, convert --also and batch --formats, through the CLI."""

import json
import logging
import shutil
import zipfile

import pytest

from layout.cli import main
from tests.export.conftest import SAMPLE
from tests.model.versions import as_version_1


@pytest.fixture(autouse=True)
def _restore_logging():
    """main() sets up the ``layout`` logger for a run; later tests' caplog needs it back."""
    logger = logging.getLogger("layout")
    saved = (logger.handlers[:], logger.level, logger.propagate)
    yield
    logger.handlers[:], logger.level, logger.propagate = saved


def test_export_each_format(tmp_path, capsys):
    assert main(["export", str(SAMPLE), "--format", "mets", "-o", str(tmp_path / "m")]) == 0
    assert (tmp_path / "m" / "mets.xml").is_file()
    assert (tmp_path / "m" / "alto" / "page-001.xml").is_file()
    assert main(["export", str(SAMPLE), "--format", "alto", "-o", str(tmp_path / "a")]) == 0
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["page-001.xml"]
    assert main(["export", str(SAMPLE), "--format", "epub", "-o", str(tmp_path / "s.epub"),
                 "--title", "周口日报"]) == 0
    with zipfile.ZipFile(tmp_path / "s.epub") as z:
        assert "周口日报" in z.read("OEBPS/content.opf").decode()
    assert main(["export", str(SAMPLE), "--format", "txt", "-o", str(tmp_path / "s.txt")]) == 0
    assert "示范区：入户大走访" in (tmp_path / "s.txt").read_text("utf-8")
    capsys.readouterr()
    assert main(["export", str(SAMPLE), "--format", "md", "-o", "-"]) == 0
    assert "### 示范区：入户大走访 情暖千万家" in capsys.readouterr().out
    assert not list(tmp_path.rglob("*.part"))


def test_export_refuses_bad_requests(tmp_path, capsys):
    dump = tmp_path / "page.txt"
    shutil.copy(SAMPLE, dump)
    before = dump.read_bytes()
    assert main(["export", str(dump), "--format", "txt", "-o", str(dump)]) == 1
    assert dump.read_bytes() == before
    assert "overwrite an input" in capsys.readouterr().err
    assert main(["export", str(dump), "--format", "epub", "-o", "-"]) == 1
    assert main(["export", str(dump), "--format", "pdf", "-o", str(tmp_path / "x")]) == 1
    (tmp_path / "file").write_text("x")
    assert main(["export", str(dump), "--format", "alto", "-o", str(tmp_path / "file")]) == 1
    assert main(["export", str(tmp_path / "missing.txt"), "--format", "md", "-o", "-"]) == 2
    err = capsys.readouterr().err
    assert "missing.txt" in err and "Traceback" not in err


def test_structure_json_in(tmp_path):
    assert main(["analyze", str(SAMPLE), "-o", str(tmp_path / "s.json")]) == 0
    data = json.loads((tmp_path / "s.json").read_text("utf-8"))
    assert data["schema_version"] == 2
    assert main(["export", str(tmp_path / "s.json"), "--format", "md",
                 "-o", str(tmp_path / "s.md")]) == 0
    assert "示范区：入户大走访" in (tmp_path / "s.md").read_text("utf-8")


def test_convert_also(tmp_path):
    out = tmp_path / "page.pdf"
    assert main(["convert", str(SAMPLE), "-o", str(out), "--also", "mets,epub,txt"]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert (tmp_path / "page-mets" / "mets.xml").is_file()
    assert (tmp_path / "page.epub").is_file() and (tmp_path / "page.txt").is_file()
    assert main(["convert", str(SAMPLE), "-o", str(tmp_path / "b.pdf"), "--also", "docx"]) == 1
    assert not (tmp_path / "b.pdf").exists()  # options are checked before any work


def test_batch_formats(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "2024-01-15.txt")
    out = tmp_path / "out"
    assert main(["batch", str(folder), "-o", str(out), "-q", "--formats", "json,alto,md"]) == 0
    assert (out / "2024-01-15.json").is_file() and (out / "2024-01-15.md").is_file()
    assert (out / "2024-01-15-alto" / "page-001.xml").is_file()
    assert not (out / "2024-01-15.pdf").exists()
    report = json.loads((out / "batch-report.json").read_text("utf-8"))
    assert len(report["items"][0]["exports"]) == 2
    assert main(["batch", str(folder), "-o", str(out), "--formats", "pdf,docx"]) == 1


def test_a_version_1_structure_exports(tmp_path):
    """A structure JSON written before line geometry (schema_version 1) still exports."""
    assert main(["analyze", str(SAMPLE), "-o", str(tmp_path / "s.json")]) == 0
    data = json.loads((tmp_path / "s.json").read_text("utf-8"))
    data = as_version_1(data)
    (tmp_path / "v1.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    assert main(["export", str(tmp_path / "v1.json"), "--format", "mets",
                 "-o", str(tmp_path / "m")]) == 0
    alto = (tmp_path / "m" / "alto" / "page-001.xml").read_text("utf-8")
    assert "示范区：入户大走访" in alto
