"""Batch: every issue converted, failures reported and carried past, exit code 3 when partial."""

import json
import shutil
from pathlib import Path

import pytest

from layout.batch import find_issues, run_batch
from layout.cli import main
from layout.errors import InputError
from layout.model import SCHEMA_VERSION
from layout.render.options import RenderOptions
from layout.settings import DEFAULT_SETTINGS

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "zhoukou-demo-zone-page.txt"

DUMP = """入户大走访 情暖千万家
记者 姬慧洋

　　连日来，示范区各单位纷纷开展入户大走访活动，旨在通过深入每一个社区、每一户家庭，
与群众进行面对面交流，着力解决群众急难愁盼问题。
"""


def _issues_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "issues"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "2024-01-15.txt")
    (folder / "2024-01-16.txt").write_text(DUMP, encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"this is not a pdf")
    (folder / "readme.md").write_text("not an issue")
    return folder


def test_find_issues_skips_other_files(tmp_path):
    names = [p.name for p in find_issues(_issues_folder(tmp_path))]
    assert names == ["2024-01-15.txt", "2024-01-16.txt", "broken.pdf"]
    with pytest.raises(InputError):
        find_issues(tmp_path / "missing")


def test_batch_carries_on_past_a_bad_issue(tmp_path):
    folder, out = _issues_folder(tmp_path), tmp_path / "out"
    seen = []
    report = run_batch(folder, out, RenderOptions(), DEFAULT_SETTINGS,
                       on_result=lambda r, done, total: seen.append((done, total)))
    assert len(report.successes) == 2 and len(report.failures) == 1
    assert "broken.pdf" in report.failures[0]
    assert seen[-1] == (3, 3)
    for stem in ("2024-01-15", "2024-01-16"):
        assert (out / f"{stem}.pdf").read_bytes().startswith(b"%PDF")
        saved = json.loads((out / f"{stem}.json").read_text("utf-8"))
        assert saved["schema_version"] == SCHEMA_VERSION
    assert not (out / "broken.pdf").exists()
    assert not [p for p in out.iterdir() if p.name.endswith(".part")]
    saved = json.loads((out / "batch-report.json").read_text("utf-8"))
    assert (saved["succeeded"], saved["failed"]) == (2, 1)


def test_cli_batch_partial_success_exits_3(tmp_path, capsys):
    folder, out = _issues_folder(tmp_path), tmp_path / "out"
    assert main(["batch", str(folder), "-o", str(out), "-q", "--jobs", "2"]) == 3
    err = capsys.readouterr().err
    assert "broken.pdf" in err and "Traceback" not in err


def test_cli_batch_dask_without_extra_is_a_clear_error(tmp_path, capsys):
    try:
        import dask.distributed  # noqa: F401
    except ImportError:
        folder = _issues_folder(tmp_path)
        assert main(["batch", str(folder), "-o", str(tmp_path / "o"), "--executor", "dask"]) == 1
        assert "dask" in capsys.readouterr().err
    else:
        pytest.skip("dask is installed; the error path cannot be shown")


def test_batch_on_a_local_dask_cluster(tmp_path):
    pytest.importorskip("dask.distributed")
    folder, out = _issues_folder(tmp_path), tmp_path / "out"
    report = run_batch(folder, out, RenderOptions(), DEFAULT_SETTINGS, executor="dask")
    assert len(report.successes) == 2 and len(report.failures) == 1
