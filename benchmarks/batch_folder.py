"""Issue 11 acceptance figures for ``layout batch`` and ``layout archive`` on a built folder.

Builds, in a temporary folder, 20 issues at three depths (PDF pages of tests.synth.epaper,
text dumps of tests.synth.text_dumps and examples/, an issue folder of two dumps, one corrupt
PDF, one empty dump, two colliding stems) and prints: the first run (converted, failed, exit
code, outputs mirroring the tree, collisions kept), the rerun (skipped, time as a share of the
first), Ctrl-C mid-run then rerun (JSON equal to an uninterrupted run), ``--jobs 2`` against
``--jobs 1`` (measured one after the other in this run, with the load average), the Dask path
(a real scheduler and two workers on 127.0.0.1, one killed mid-run: JSON byte-identical), and
an archive of 20 issues with one corrupt (19 in, exit 3). Ends with one table: every
acceptance point of issue 11 with its figure, its target, whether this run met it, and the
load average it was measured under (``--jobs``: the best of ``--repeat`` runs of each, taken
alternately, and the CPU seconds, which the load does not inflate as much).

    nice python benchmarks/batch_folder.py [--skip-dask] [--pdf-issues 8] [--repeat 2]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.batch.helpers import EXAMPLE, json_outputs  # noqa: E402

ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
TABLE: list[tuple[str, str, str, str, str]] = []  # point, figure, target, met, load


def load() -> str:
    return f"{os.getloadavg()[0]:.1f}"


def row(point: str, figure: str, target: str, met: bool | None, measured_load: str) -> None:
    TABLE.append((point, figure, target, "n/a" if met is None else "yes" if met else "NO",
                  measured_load))


def _default_sigint() -> None:
    """A child started from a background shell inherits SIGINT ignored: give it Ctrl-C back."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def build_folder(root: Path, pdf_issues: int, pages: int = 2) -> list[str]:
    """20 issues under ``root`` (PDF issues of ``pages`` pages); the 18 good ones' paths."""
    from tests.synth.epaper import generate_issue
    from tests.synth.text_dumps import generate_dump

    def dump(seed: int) -> bytes:
        return generate_dump(seed, n_pages=1)[0]

    places = [root, root / "paper-a", root / "paper-a" / "region"]
    for place in places:
        place.mkdir(parents=True, exist_ok=True)
    good: list[str] = []

    def add(relative: str, data: bytes) -> None:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    pdf_dir = Path(tempfile.mkdtemp(prefix="pdfs-", dir=root.parent))
    for i in range(pdf_issues):
        generate_issue(500 + i, pages, pdf_dir / f"{i}.pdf")
    pdfs = [(pdf_dir / f"{i}.pdf").read_bytes() for i in range(pdf_issues)]
    add("collide.pdf", pdfs[0])
    add("collide.txt", dump(1))
    good += ["collide.pdf", "collide.txt"]
    add("2024-01-01.txt", EXAMPLE.read_bytes())
    good.append("2024-01-01.txt")
    n = 2
    for i in range(1, pdf_issues):
        place = ("", "paper-a/", "paper-a/region/")[i % 3]
        add(f"{place}2024-02-{i:02d}.pdf", pdfs[i])
        good.append(f"{place}2024-02-{i:02d}.pdf")
    while len(good) < 17:
        place = ("", "paper-a/", "paper-a/region/")[n % 3]
        add(f"{place}2024-03-{n:02d}.txt", dump(10 + n))
        good.append(f"{place}2024-03-{n:02d}.txt")
        n += 1
    add("paper-a/region/2024-04-01/01.txt", dump(90))
    add("paper-a/region/2024-04-01/02.txt", dump(91))
    good.append("paper-a/region/2024-04-01")
    add("paper-a/region/2024-05-01.pdf", b"%PDF-1.4\n% corrupt: no objects\n")
    add("paper-a/2024-05-02.txt", b"")
    shutil.rmtree(pdf_dir)
    return sorted(good)


def batch(root: Path, out: Path, *extra: str) -> tuple[int, float, str]:
    code, seconds, _, err = batch_cpu(root, out, *extra)
    return code, seconds, err


def batch_cpu(root: Path, out: Path, *extra: str) -> tuple[int, float, float, str]:
    """Exit code, wall seconds, CPU seconds (the run and its workers), stderr."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "layout", "batch", str(root), "-o", str(out),
                          "-q", *extra], env=ENV, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return run.returncode, seconds, cpu, run.stderr


def report(out: Path) -> dict:
    return json.loads((out / "batch-report.json").read_text("utf-8"))


def statuses(out: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for item in report(out)["items"]:
        counts[item["status"]] = counts.get(item["status"], 0) + 1
    return counts


def first_run(root: Path, work: Path, good: list[str]) -> float:
    out = work / "out"
    first_load = load()
    code, seconds, cpu, _ = batch_cpu(root, out)
    failed = [(i["source"], i["error"]) for i in report(out)["items"] if i["status"] == "failed"]
    print(f"first run (--jobs default = {os.cpu_count()}): {seconds:.1f} s ({cpu:.1f} s CPU), "
          f"exit {code}, "
          f"statuses {statuses(out)}")
    for _source, error in failed:
        print(f"  failed: {error}")
    expected = {str(Path(g).with_suffix("")) if g.endswith((".pdf", ".txt")) else g
                for g in good if not g.startswith("collide")}
    expected |= {"collide.pdf", "collide.txt"}
    got = {str(Path(p).with_suffix("")) for p in json_outputs(out)}
    print(f"  outputs mirror the tree: {got == expected} ({len(got)} JSON outputs; "
          f"collisions kept: {'collide.pdf' in got and 'collide.txt' in got})")
    counts = statuses(out)
    row("first run: 18 converted, 2 failed, exit 3",
        f"{counts.get('ok', 0)} ok, {counts.get('failed', 0)} failed, exit {code}", "18, 2, 3",
        (counts.get("ok"), counts.get("failed"), code) == (18, 2, 3), first_load)
    row("outputs mirror the tree, no collision lost", f"{got == expected}", "True",
        got == expected and "collide.pdf" in got and "collide.txt" in got, first_load)
    rerun_load = load()
    code2, rerun, rerun_cpu, err = batch_cpu(root, out)
    before = sum(1 for i in report(out)["items"] if i.get("failed_before"))
    print(f"rerun: {rerun:.2f} s = {100 * rerun / seconds:.1f}% of the first "
          f"({rerun_cpu:.2f} s CPU = {100 * rerun_cpu / cpu:.1f}%), exit {code2}, "
          f"statuses {statuses(out)} ({before} failed before, not retried)")
    row("rerun skips the 18 (failed ones not retried), exit 3",
        f"{statuses(out).get('skipped', 0)} skipped, {before} failed before, exit {code2}",
        "18, 2, 3", (statuses(out).get("skipped"), before, code2) == (18, 2, 3), rerun_load)
    row("rerun time / first run (wall)", f"{100 * rerun / seconds:.1f}%", "< 10%",
        rerun < 0.1 * seconds, rerun_load)
    row("rerun time / first run (CPU)", f"{100 * rerun_cpu / cpu:.1f}%", "(< 10%)",
        rerun_cpu < 0.1 * cpu, rerun_load)
    return seconds


def interrupted_run(root: Path, work: Path) -> None:
    out, whole = work / "stopped", work / "out"
    stop_load = load()
    process = subprocess.Popen([sys.executable, "-m", "layout", "batch", str(root), "-o",
                                str(out), "-q", "--jobs", "2"], env=ENV,
                               stderr=subprocess.PIPE, text=True, preexec_fn=_default_sigint)
    while process.poll() is None and not (out.is_dir() and len(json_outputs(out)) >= 4):
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    sent = time.perf_counter()
    process.communicate()
    stopped = time.perf_counter() - sent
    print(f"Ctrl-C after 4 outputs (--jobs 2): exit {process.returncode} in {stopped:.2f} s, "
          f"statuses {statuses(out)}, .part files left: {len(list(out.rglob('*.part')))}")
    parts = len(list(out.rglob('*.part')))
    code, _, _ = batch(root, out, "--jobs", "2")
    same = json_outputs(out) == json_outputs(whole)
    print(f"  rerun: exit {code}, statuses {statuses(out)}; JSON equal to the uninterrupted "
          f"run: {same}")
    row("Ctrl-C mid-run, then rerun: same outputs as uninterrupted",
        f"exit {process.returncode}, {parts} .part, same JSON {same}", "130, 0, True",
        process.returncode == 130 and parts == 0 and same, stop_load)


def jobs_speedup(root: Path, work: Path, repeat: int) -> None:
    """``--jobs 1`` and ``--jobs 2`` taken alternately ``repeat`` times each, into fresh
    output folders; the best wall time of each (the runs least slowed by other processes)."""
    load_before = os.getloadavg()
    runs: dict[int, list[tuple[float, float]]] = {1: [], 2: []}
    for k in range(repeat):
        for jobs in (1, 2):
            target = work / f"jobs{jobs}-{k}"
            _, wall, cpu, _ = batch_cpu(root, target, "--jobs", str(jobs))
            runs[jobs].append((wall, cpu))
    load_after = os.getloadavg()
    same = all(json_outputs(work / f"jobs{j}-{k}") == json_outputs(work / "jobs1-0")
               for j in (1, 2) for k in range(repeat))
    (one, cpu_one), (two, cpu_two) = min(runs[1]), min(runs[2])
    print(f"--jobs 1: {' '.join(f'{w:.1f}' for w, _ in runs[1])} s wall ({cpu_one:.1f} s CPU), "
          f"--jobs 2: {' '.join(f'{w:.1f}' for w, _ in runs[2])} s wall ({cpu_two:.1f} s CPU "
          f"in 2 workers), best {one:.1f} / {two:.1f} = {one / two:.2f}x (same JSON: {same}); "
          f"load average before {load_before[0]:.1f}, after {load_after[0]:.1f} on "
          f"{os.cpu_count()} cores (other processes hold what this run does not get)")
    measured = f"{load_before[0]:.1f}-{load_after[0]:.1f}"
    row("--jobs 2 / --jobs 1 speed-up (best wall of each)", f"{one / two:.2f}x", ">= 1.6x",
        one / two >= 1.6, measured)
    row("--jobs 2 CPU overhead over --jobs 1", f"{cpu_two / cpu_one:.2f}x CPU", "(~1.0)",
        None, measured)
    row("--jobs 2 output identical to --jobs 1", f"{same}", "True", same, measured)


def dask_run(root: Path, work: Path) -> None:
    from tests.batch.cluster import local_cluster

    out = work / "dask"
    dask_load = load()
    with local_cluster(work) as (address, workers):
        process = subprocess.Popen([sys.executable, "-m", "layout", "batch", str(root), "-o",
                                    str(out), "-q", "--executor", "dask", "--scheduler",
                                    address], env=ENV, stderr=subprocess.PIPE, text=True)
        while process.poll() is None and not (out.is_dir() and json_outputs(out)):
            time.sleep(0.05)
        workers[0].send_signal(signal.SIGKILL)
        process.communicate()
    same = json_outputs(out) == json_outputs(work / "out")
    parts = len(list(out.rglob('*.part')))
    print(f"Dask (scheduler + 2 workers, one killed mid-run): exit {process.returncode}, "
          f"statuses {statuses(out)}, JSON byte-identical to the local run: {same}, "
          f".part files left: {parts}")
    row("Dask (2 workers, one killed): JSON byte-identical", f"exit {process.returncode}, "
        f"same JSON {same}, {parts} .part", "3, True, 0",
        process.returncode == 3 and same and parts == 0, dask_load)


def archive_run(root: Path, work: Path, good: list[str]) -> None:
    import pymupdf

    from tests.synth.text_dumps import generate_dump

    extra = work / "2024-06-01.txt"
    extra.write_bytes(generate_dump(95, n_pages=1)[0])
    inputs = [root / g for g in good] + [extra, root / "paper-a/region/2024-05-01.pdf"]
    target = work / "archive.pdf"
    archive_load = load()
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "layout", "archive", *map(str, inputs), "-o",
                          str(target)], env=ENV, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    with pymupdf.open(target) as document:
        issues = sum(1 for level, _, _ in document.get_toc() if level == 1)
    left_out = [line for line in run.stderr.splitlines() if "left out:" in line]
    print(f"archive of {len(inputs)} issues, one corrupt: exit {run.returncode}, "
          f"{issues} in the archive, {seconds:.1f} s; {left_out}")
    row("archive of 20, one corrupt: 19 in, failure reported, exit 3",
        f"{issues} in, {len(left_out)} reported, exit {run.returncode}", "19, 1, 3",
        (issues, len(left_out), run.returncode) == (19, 1, 3), archive_load)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument("--pdf-issues", type=int, default=8)
    parser.add_argument("--pages", type=int, default=2, help="pages per PDF issue")
    parser.add_argument("--repeat", type=int, default=2,
                        help="runs of --jobs 1 and of --jobs 2 each (the best counts)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="batch-bench-") as name:
        work = Path(name)
        root = work / "in"
        good = build_folder(root, args.pdf_issues, args.pages)
        print(f"folder: {len(good) + 2} issues ({args.pdf_issues} PDF of {args.pages} pages, "
              "the rest text dumps), three depths, "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        first_run(root, work, good)
        interrupted_run(root, work)
        jobs_speedup(root, work, args.repeat)
        if not args.skip_dask:
            dask_run(root, work)
        archive_run(root, work, good)
    print("\nissue 11 acceptance figures (this run; load = 1-minute load average on "
          f"{os.cpu_count()} cores):")
    widths = [max(len(r[k]) for r in TABLE + [HEAD]) for k in range(5)]
    for line in [HEAD, tuple("-" * w for w in widths), *TABLE]:
        print("  " + "  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)))
    return 0


HEAD = ("acceptance point", "figure", "target", "met", "load")


if __name__ == "__main__":
    sys.exit(main())
