"""Batch on a real Dask cluster: a scheduler and two worker processes on 127.0.0.1, one of
them killed mid-run; the batch completes, nothing is lost, the JSON is byte for byte the
local run's. Every process the test starts is killed at the end."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from layout.batch import MANIFEST_NAME, run_batch
from layout.cli import main
from layout.render.options import RenderOptions
from layout.settings import DEFAULT_SETTINGS
from tests.batch.cluster import ROOT, local_cluster, wait_for
from tests.batch.helpers import dump, json_outputs

pytest.importorskip("dask.distributed")

ISSUES = 6


@pytest.fixture
def cluster(tmp_path):
    """(scheduler address, [worker processes]); scheduler and workers killed at the end."""
    with local_cluster(tmp_path) as running:
        yield running


def _folder(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    (root / "deep" / "er").mkdir(parents=True)
    for i in range(ISSUES):
        where = root if i < 2 else root / "deep" if i < 4 else root / "deep" / "er"
        (where / f"2024-05-{i + 1:02d}.txt").write_bytes(dump(300 + i))
    (root / "deep" / "broken.pdf").write_bytes(b"not a pdf")
    return root


def test_batch_survives_a_killed_worker_and_matches_the_local_run(cluster, tmp_path):
    address, workers = cluster
    root, out = _folder(tmp_path), tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    batch = subprocess.Popen(
        [sys.executable, "-m", "layout", "batch", str(root), "-o", str(out), "-q",
         "--executor", "dask", "--scheduler", address],
        env=env, stderr=subprocess.PIPE, text=True)
    try:
        wait_for(lambda: batch.poll() is not None or (out.is_dir() and json_outputs(out)),
                  120, "the first issue on the cluster")
        workers[0].send_signal(signal.SIGKILL)  # mid-run: the scheduler reruns its task
        _, err = batch.communicate(timeout=180)
    finally:
        batch.kill()
    assert workers[0].wait(10) == -signal.SIGKILL
    assert batch.returncode == 3, err
    assert len([line for line in err.splitlines() if "broken.pdf" in line]) == 1
    report = json.loads((out / "batch-report.json").read_text("utf-8"))
    statuses = {Path(i["source"]).name: i["status"] for i in report["items"]}
    assert statuses.pop("broken.pdf") == "failed"
    assert set(statuses.values()) == {"ok"} and len(statuses) == ISSUES
    assert not list(out.rglob("*.part"))

    local = tmp_path / "local"
    run_batch(root, local, RenderOptions(), DEFAULT_SETTINGS, jobs=1)
    assert len(json_outputs(out)) == ISSUES
    assert json_outputs(out) == json_outputs(local)

    # same manifest and resume: a rerun on the cluster skips every finished issue
    assert main(["batch", str(root), "-o", str(out), "-q", "--executor", "dask",
                 "--scheduler", address]) == 3
    report = json.loads((out / "batch-report.json").read_text("utf-8"))
    assert [i["status"] for i in report["items"]].count("skipped") == ISSUES
    entries = json.loads((out / MANIFEST_NAME).read_text("utf-8"))["entries"]
    assert sorted(e["status"] for e in entries.values()) == ["failed"] + ["ok"] * ISSUES
    assert [i["failed_before"] for i in report["items"]].count(True) == 1  # broken.pdf


def test_unreachable_scheduler_fails_fast_with_one_line(tmp_path, capsys):
    root = _folder(tmp_path)
    started = time.monotonic()
    code = main(["batch", str(root), "-o", str(tmp_path / "out"), "--executor", "dask",
                 "--scheduler", "tcp://127.0.0.1:9"])
    err = capsys.readouterr().err
    assert code == 1
    assert time.monotonic() - started < 15
    assert len(err.strip().splitlines()) == 1 and "tcp://127.0.0.1:9" in err
    assert not (tmp_path / "out").exists()
