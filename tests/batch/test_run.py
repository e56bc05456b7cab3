"""Batch: every issue converted, failures reported and carried past, exit code 3 when partial."""

import hashlib
import io
import json
import sys
from pathlib import Path

import pytest

from layout import __version__
from layout.batch import MANIFEST_NAME, find_issues, run_batch
from layout.cli import main
from layout.errors import InputError, UsageError
from layout.model import SCHEMA_VERSION
from layout.render.options import RenderOptions
from layout.settings import DEFAULT_SETTINGS
from tests.batch.helpers import dump, flat_folder, json_outputs, nested_folder


def _issues_folder(tmp_path: Path) -> Path:
    return flat_folder(tmp_path)


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


def _statuses(out: Path) -> dict[str, str]:
    saved = json.loads((out / "batch-report.json").read_text("utf-8"))
    return {Path(item["source"]).name: item["status"] for item in saved["items"]}


def test_nested_folder_mirrors_and_reports_every_input(tmp_path, capsys):
    root, out = nested_folder(tmp_path), tmp_path / "out"
    assert main(["batch", str(root), "-o", str(out), "--jobs", "1"]) == 3
    err = capsys.readouterr().err
    assert _statuses(out) == {
        "collide.pdf": "failed", "collide.txt": "ok", "2024-01-15.txt": "ok",
        "2024-01-16.txt": "ok", "2024-01-17.txt": "ok", "2024-01-18": "ok",
        "2024-01-19.txt": "failed"}
    assert sorted(json_outputs(out)) == [
        "collide.txt.json", "x/2024-01-15.json", "x/2024-01-16.json",
        "x/region/2024-01-17.json", "x/region/2024-01-18.json"]
    assert (out / "x" / "region" / "2024-01-18.pdf").read_bytes().startswith(b"%PDF")
    for name in ("collide.pdf", "2024-01-19.txt"):  # each failure once, with its reason
        lines = [line for line in err.splitlines() if name in line]
        assert len(lines) == 1 and "failed" in lines[0], err
    assert "5 converted" in err and "2 failed" in err
    saved = json.loads((out / "batch-report.json").read_text("utf-8"))
    for item in saved["items"]:
        assert item["status"] != "failed" or item["error"]
        assert item["status"] != "ok" or item["pages"] >= 1


def test_rerun_skips_what_is_up_to_date_and_force_redoes_it(tmp_path, capsys):
    root, out = nested_folder(tmp_path), tmp_path / "out"
    assert main(["batch", str(root), "-o", str(out), "--jobs", "1", "-q"]) == 3
    first = json_outputs(out)
    mtimes = {p: p.stat().st_mtime_ns for p in out.rglob("*.pdf")}
    capsys.readouterr()
    assert main(["batch", str(root), "-o", str(out), "--jobs", "1"]) == 3
    assert "5 up to date (skipped)" in capsys.readouterr().err
    assert list(_statuses(out).values()).count("skipped") == 5
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.pdf")} == mtimes
    assert json_outputs(out) == first

    touched = root / "x" / "2024-01-15.txt"  # same content, new mtime: still up to date
    touched.touch()
    changed = root / "x" / "2024-01-16.txt"  # new content: redone
    changed.write_bytes(dump(7))
    (out / "x" / "region" / "2024-01-17.pdf").unlink()  # an output gone: redone
    run_batch(root, out, RenderOptions(), DEFAULT_SETTINGS, jobs=1)
    statuses = _statuses(out)
    assert statuses["2024-01-15.txt"] == "skipped"
    assert statuses["2024-01-16.txt"] == "ok" and statuses["2024-01-17.txt"] == "ok"
    assert json_outputs(out)["x/2024-01-16.json"] != first["x/2024-01-16.json"]

    other = RenderOptions(page_size="A5")  # other settings: redone
    run_batch(root, out, other, DEFAULT_SETTINGS, jobs=1)
    assert list(_statuses(out).values()).count("ok") == 5
    assert main(["batch", str(root), "-o", str(out), "--jobs", "1", "-q", "--force"]) == 3
    assert list(_statuses(out).values()).count("ok") == 5


def test_manifest_names_inputs_hashes_version_and_settings(tmp_path):
    root, out = nested_folder(tmp_path), tmp_path / "out"
    run_batch(root, out, RenderOptions(), DEFAULT_SETTINGS, jobs=1)
    manifest = json.loads((out / MANIFEST_NAME).read_text("utf-8"))
    assert manifest["version"] == __version__
    entry = manifest["entries"]["x/region/2024-01-18"]
    assert [f["name"] for f in entry["files"]] == ["01.txt", "02.txt"]
    data = (root / "x" / "region" / "2024-01-18" / "01.txt").read_bytes()
    assert entry["files"][0]["sha256"] == hashlib.sha256(data).hexdigest()
    assert entry["files"][0]["size"] == len(data)
    assert entry["outputs"] == ["x/region/2024-01-18.pdf", "x/region/2024-01-18.json"]
    assert entry["settings"] and entry["version"] == __version__
    failed = manifest["entries"]["collide.pdf"]  # failed as bad input: remembered as such
    assert failed["status"] == "failed" and failed["outputs"] == []
    assert "collide.pdf" in failed["error"] and failed["files"][0]["name"] == "collide.pdf"


def test_a_failed_input_is_not_retried_until_it_changes_or_is_asked_for(tmp_path, capsys,
                                                                        monkeypatch):
    import layout.batch.executors as executors

    root, out = nested_folder(tmp_path), tmp_path / "out"
    assert main(["batch", str(root), "-o", str(out), "--jobs", "1", "-q"]) == 3
    first = json.loads((out / "batch-report.json").read_text("utf-8"))
    errors = {Path(i["source"]).name: i["error"] for i in first["items"] if i["error"]}
    converted = []
    real = executors.convert_one
    monkeypatch.setattr(executors, "convert_one",
                        lambda source, *a, **k: converted.append(source.name) or real(
                            source, *a, **k))
    capsys.readouterr()
    assert main(["batch", str(root), "-o", str(out), "--jobs", "1"]) == 3  # still partial
    err = capsys.readouterr().err
    assert converted == []  # neither the 5 good nor the 2 bad ones were tried
    report = json.loads((out / "batch-report.json").read_text("utf-8"))
    again = {Path(i["source"]).name: i for i in report["items"] if i["status"] == "failed"}
    assert set(again) == {"collide.pdf", "2024-01-19.txt"}
    assert all(i["failed_before"] and i["error"] == errors[n] for n, i in again.items())
    assert err.count("input unchanged: not retried") == 2 and "2 failed before" in err

    (root / "x" / "region" / "2024-01-19.txt").write_bytes(dump(8))  # fixed: tried again
    assert main(["batch", str(root), "-o", str(out), "--jobs", "1", "-q"]) == 3
    assert converted == ["2024-01-19.txt"] and _statuses(out)["2024-01-19.txt"] == "ok"
    assert main(["batch", str(root), "-o", str(out), "--jobs", "1", "-q",
                 "--retry-failed"]) == 3
    assert converted == ["2024-01-19.txt", "collide.pdf"]
    report = json.loads((out / "batch-report.json").read_text("utf-8"))
    retried = next(i for i in report["items"] if i["source"].endswith("collide.pdf"))
    assert retried["status"] == "failed" and not retried["failed_before"]


def test_output_over_an_input_is_refused(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.pdf").write_bytes(b"%PDF-1.4 not converted")
    with pytest.raises(UsageError):
        run_batch(root, root, RenderOptions(), DEFAULT_SETTINGS, jobs=1)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("terminal, quiet", [(True, False), (True, True), (False, False)])
def test_progress_bar_only_on_a_terminal_without_q(tmp_path, monkeypatch, terminal, quiet):
    folder = _issues_folder(tmp_path)
    stderr = _Terminal() if terminal else io.StringIO()
    monkeypatch.setattr(sys, "stderr", stderr)
    args = ["batch", str(folder), "-o", str(tmp_path / "out"), "--jobs", "1"]
    assert main(args + (["-q"] if quiet else [])) == 3
    err = stderr.getvalue()
    bar = "3/3" in err and "failed=1" in err and "issue/s" in err
    assert bar == (terminal and not quiet), err
    assert err.count("broken.pdf") == 1


def test_fewer_issues_than_jobs_spreads_pages(tmp_path, monkeypatch):
    from layout import parallel
    from tests.synth.epaper import generate_issue

    root = tmp_path / "in"
    root.mkdir()
    generate_issue(7, 2, root / "2024-06-01.pdf")
    calls = []
    real = parallel.read_files_parallel

    def spy(files, settings, jobs, *rest):
        calls.append(jobs)
        return real(files, settings, jobs, *rest)

    monkeypatch.setattr(parallel, "read_files_parallel", spy)
    run_batch(root, tmp_path / "two", RenderOptions(), DEFAULT_SETTINGS, jobs=2)
    assert calls == [2]
    run_batch(root, tmp_path / "one", RenderOptions(), DEFAULT_SETTINGS, jobs=1)
    assert json_outputs(tmp_path / "two") == json_outputs(tmp_path / "one")
    assert len(json_outputs(tmp_path / "one")) == 1
