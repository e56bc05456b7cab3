"""A stopped batch keeps what finished, leaves no partial file, and a rerun resumes."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from layout.batch import MANIFEST_NAME, run_batch
from layout.render.options import RenderOptions
from layout.settings import DEFAULT_SETTINGS
from tests.batch.helpers import dump, json_outputs

ROOT = Path(__file__).resolve().parents[2]
ISSUES = 12


def _folder(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    (root / "a" / "b").mkdir(parents=True)
    for i in range(ISSUES):
        where = root if i % 3 == 0 else root / "a" if i % 3 == 1 else root / "a" / "b"
        (where / f"2024-03-{i + 1:02d}.txt").write_bytes(dump(100 + i))
    return root


def _batch(root: Path, out: Path, *extra: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "layout", "batch", str(root), "-o", str(out),
                             "-q", *extra], env=env, stderr=subprocess.PIPE, text=True,
                            preexec_fn=_default_sigint)


def _default_sigint() -> None:
    """Started from a background shell, a child inherits SIGINT ignored: give Ctrl-C back."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _wait_for_first_output(process: subprocess.Popen, out: Path, timeout: float = 60) -> None:
    """Until the batch has recorded a finished issue in its manifest (an output file alone
    may be a worker's whose result the batch has not taken yet)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if json.loads((out / MANIFEST_NAME).read_text("utf-8"))["entries"]:
                return
        except (OSError, ValueError, KeyError):
            pass
        time.sleep(0.05)
    raise AssertionError("no issue finished in time")


def _assert_consistent(out: Path) -> dict:
    assert not list(out.rglob("*.part")), list(out.rglob("*.part"))
    manifest = json.loads((out / MANIFEST_NAME).read_text("utf-8"))
    for entry in manifest["entries"].values():
        for output in entry["outputs"]:
            assert (out / output).is_file()
    report = json.loads((out / "batch-report.json").read_text("utf-8"))
    assert len(report["items"]) == ISSUES
    return report


def _stop_mid_run(root: Path, out: Path, sig: int, exit_code: int) -> list[str]:
    """A two-job batch stopped by ``sig`` once an issue finished: it exits ``exit_code``
    with no traceback, leaving a consistent, interrupted report; the items' statuses."""
    process = _batch(root, out, "--jobs", "2")
    try:
        _wait_for_first_output(process, out)
        process.send_signal(sig)
        _, err = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == exit_code, err
    assert "Traceback" not in err
    report = _assert_consistent(out)
    assert report["interrupted"] is True
    statuses = [item["status"] for item in report["items"]]
    assert statuses.count("interrupted") >= 1  # stopped, not run to the end
    assert set(statuses) <= {"ok", "interrupted"}
    return statuses


def _rerun(root: Path, out: Path) -> dict:
    """The same batch run again to its end (exit 0); its consistent report."""
    rerun = _batch(root, out, "--jobs", "2")
    _, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err
    return _assert_consistent(out)


def _assert_same_as_one_whole_run(tmp_path: Path, root: Path, out: Path) -> None:
    whole = tmp_path / "whole"
    run_batch(root, whole, RenderOptions(), DEFAULT_SETTINGS, jobs=1)
    assert json_outputs(out) == json_outputs(whole)
    assert len(json_outputs(out)) == ISSUES


def test_ctrl_c_with_two_jobs_stops_promptly_and_a_rerun_resumes(tmp_path):
    root, out = _folder(tmp_path), tmp_path / "out"
    _stop_mid_run(root, out, signal.SIGINT, 130)
    statuses = [item["status"] for item in _rerun(root, out)["items"]]
    assert statuses.count("skipped") == ISSUES - statuses.count("ok") >= 1
    _assert_same_as_one_whole_run(tmp_path, root, out)


def test_sigterm_mid_run_keeps_what_finished_and_a_rerun_ends_as_an_uninterrupted_run(
        tmp_path):
    root, out = _folder(tmp_path), tmp_path / "out"
    statuses = _stop_mid_run(root, out, signal.SIGTERM, 143)
    assert statuses.count("ok") >= 1
    report = json.loads((out / "batch-report.json").read_text("utf-8"))
    finished = {item["source"] for item in report["items"] if item["status"] == "ok"}
    manifest = json.loads((out / MANIFEST_NAME).read_text("utf-8"))
    assert {str(root / name) for name in manifest["entries"]} == finished

    report = _rerun(root, out)
    redone = {item["source"] for item in report["items"] if item["status"] == "ok"}
    assert redone == {item["source"] for item in report["items"]} - finished  # only the rest
    _assert_same_as_one_whole_run(tmp_path, root, out)
