"""A real Dask cluster on 127.0.0.1 for tests and benchmarks: ``dask scheduler`` and
``dask worker`` subprocesses (one worker process each), all killed when the block ends."""

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def wait_for(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


@contextlib.contextmanager
def local_cluster(folder: Path, workers: int = 2) -> Iterator[tuple[str, list]]:
    """(scheduler address, [worker processes]); every process killed at the end."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    scheduler_file = folder / "scheduler.json"
    processes: list[subprocess.Popen] = []

    def start(*args: str) -> subprocess.Popen:
        process = subprocess.Popen([sys.executable, "-m", "dask", *args], env=env, cwd=folder,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)
        processes.append(process)
        return process

    try:
        start("scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
              "--scheduler-file", str(scheduler_file))
        wait_for(scheduler_file.exists, 60, "the scheduler file")
        started = [start("worker", "--scheduler-file", str(scheduler_file), "--nworkers", "1",
                         "--nthreads", "1", "--no-nanny", "--no-dashboard",
                         "--host", "127.0.0.1") for _ in range(workers)]
        address = json.loads(scheduler_file.read_text())["address"]
        from dask.distributed import Client

        with Client(address, timeout=30) as client:
            client.wait_for_workers(workers, timeout=60)
        yield address, started
    finally:
        for process in processes:
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)
