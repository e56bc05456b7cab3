"""The ``layout`` script's quick exit (layout.cli.run): exit codes, exit handlers, complete
output on files and stdout, threads waited for, a failed stdout flush reported."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
SAMPLE = ROOT / "examples" / "zhoukou-demo-zone-page.txt"
BUFFERED = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # stdout buffered


def _python(code: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([PY, "-c", code], capture_output=True, cwd=ROOT, timeout=120,
                          env=BUFFERED, **kwargs)


def test_the_script_and_python_m_exit_through_run():
    project = (ROOT / "pyproject.toml").read_text("utf-8")
    assert '\n[project.scripts]\nlayout = "layout.cli:run"\n' in project
    for module in ("layout/__main__.py", "layout/cli/__main__.py"):
        assert "run()" in (ROOT / module).read_text("utf-8")


def test_exit_codes_and_no_output_on_failure(tmp_path):
    out = tmp_path / "out.json"
    missing = subprocess.run([PY, "-m", "layout", "analyze", str(tmp_path / "nope.txt"), "-o",
                              str(out)], capture_output=True, text=True, cwd=ROOT)
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1
    assert not out.exists() and list(tmp_path.iterdir()) == []
    bad = subprocess.run([PY, "-m", "layout", "frobnicate"], capture_output=True, cwd=ROOT)
    assert bad.returncode == 1


def test_outputs_are_complete_on_files_and_stdout(tmp_path):
    out = tmp_path / "s.json"
    run = subprocess.run([PY, "-m", "layout", "-q", "analyze", str(SAMPLE), "-o", str(out)],
                         capture_output=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    piped = subprocess.run([PY, "-m", "layout", "-q", "analyze", str(SAMPLE), "-o", "-"],
                           capture_output=True, cwd=ROOT)
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout == out.read_bytes() and json.loads(piped.stdout)["pages"]
    pdf = subprocess.run([PY, "-m", "layout", "-q", "convert", str(SAMPLE), "-o", "-"],
                         capture_output=True, cwd=ROOT)
    assert pdf.returncode == 0, pdf.stderr
    assert pdf.stdout.startswith(b"%PDF-") and pdf.stdout.rstrip().endswith(b"%%EOF")


def test_exit_handlers_run_and_buffered_stdout_is_written(tmp_path):
    marker = tmp_path / "handler-ran"
    done = _python("import atexit, pathlib, sys\nfrom layout.cli import run\n"
                   f"atexit.register(pathlib.Path({str(marker)!r}).write_text, 'yes')\n"
                   "sys.stdout.write('buffered, never flushed')\nrun(['frobnicate'])\n")
    assert done.returncode == 1
    assert done.stdout == b"buffered, never flushed" and marker.read_text() == "yes"


def test_running_threads_are_waited_for(tmp_path):
    marker = tmp_path / "thread-done"
    done = _python("import pathlib, threading, time\nfrom layout.cli import run\n"
                   "def late():\n    time.sleep(0.3)\n"
                   f"    pathlib.Path({str(marker)!r}).write_text('yes')\n"
                   "threading.Thread(target=late).start()\nrun(['frobnicate'])\n")
    assert done.returncode == 1 and marker.read_text() == "yes"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_failed_stdout_flush_is_not_a_success(tmp_path):
    out = tmp_path / "s.json"
    code = ("import sys\nfrom layout.cli import run\nsys.stdout.write('x' * 100)\n"
            f"run(['-q', 'analyze', {str(SAMPLE)!r}, '-o', {str(out)!r}])\n")
    with open("/dev/full", "wb") as full:
        done = subprocess.run([PY, "-c", code], stdout=full, stderr=subprocess.PIPE, cwd=ROOT,
                              timeout=120, env=BUFFERED)
    assert out.exists() and done.returncode == 120
    assert b"cannot write standard output" in done.stderr
