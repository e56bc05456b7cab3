"""Speed and memory of the PDF front end on a synthetic issue (benchmark, not a test).

Takes a page count and seed; generates one multi-page synthetic e-paper issue with
``tests.synth.epaper.generate_issue`` and prints:
- pdfplumber's own parse of the issue (``len(page.chars)`` over all pages, pages closed),
  seconds per page (best of ``--repeat``);
- ours (``layout.analysis.pdf.page.analyze_pdf``), seconds per page and the ratio to the
  parse above (target <= 1.3x);
- peak memory of each, measured in a fresh subprocess: peak RSS of the whole process
  (``VmHWM``, else ``resource.getrusage``; target <= 400 MB for 20 pages), and with
  ``--tracemalloc`` the peak of Python allocations as well (slower).
Ours is reported as "not available" until it exists.

    /work/venv/bin/python benchmarks/pdf_speed.py --pages 20 --seed 7
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def pdfplumber_parse(path: Path) -> int:
    """pdfplumber's parse of every page, closed one by one; returns the number of chars."""
    import pdfplumber
    count = 0
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            count += len(page.chars)
            page.close()
    return count


def ours(path: Path) -> int:
    """Our analysis of the issue; returns the number of articles found."""
    from layout.analysis.pdf.page import analyze_pdf
    from layout.settings import Settings
    issue = analyze_pdf(path, Settings())
    return sum(len(p.articles) for p in issue.pages)


TASKS = {"pdfplumber": pdfplumber_parse, "ours": ours}


def ours_available() -> bool:
    try:
        from layout.analysis.pdf.page import analyze_pdf  # noqa: F401
    except ImportError:
        return False
    return True


def best_time(task: str, path: Path, repeat: int) -> tuple[float, int]:
    best, result = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        result = TASKS[task](path)
        best = min(best, time.perf_counter() - start)
    return best, result


def peak_rss_mb() -> float:
    """Peak resident memory of this process in MB.

    Linux: ``VmHWM`` from /proc (per address space, so it is not inherited from the parent
    across fork+exec the way ``ru_maxrss`` is); elsewhere ``ru_maxrss``.
    """
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale / 1024


def child(task: str, path: Path, with_tracemalloc: bool) -> None:
    """Run one task in this (fresh) process and print its memory figures as JSON."""
    if task == "ours":
        import layout.analysis.pdf.page  # noqa: F401  (imports are not the task's memory)
    else:
        import pdfplumber  # noqa: F401
    before = peak_rss_mb()
    if with_tracemalloc:
        tracemalloc.start()
    TASKS[task](path)
    peak_py = tracemalloc.get_traced_memory()[1] / 2**20 if with_tracemalloc else None
    after = peak_rss_mb()
    print(json.dumps({"maxrss_mb": after, "after_imports_mb": before,
                      "tracemalloc_peak_mb": peak_py}))


def memory(task: str, path: Path, with_tracemalloc: bool) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", task, str(path)]
                          + (["--tracemalloc"] if with_tracemalloc else []),
                          capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1:] or ["failed"]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def describe(mem: dict) -> str:
    if "error" in mem:
        return f"failed: {mem['error'][0]}"
    text = f"peak RSS {mem['maxrss_mb']:.0f} MB (after imports {mem['after_imports_mb']:.0f} MB)"
    if mem.get("tracemalloc_peak_mb") is not None:
        text += f", Python allocations peak {mem['tracemalloc_peak_mb']:.0f} MB"
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--tracemalloc", action="store_true")
    parser.add_argument("--child", nargs=2, metavar=("TASK", "PDF"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child[0], Path(args.child[1]), args.tracemalloc)
        return 0
    from tests.synth.epaper import generate_issue
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "issue.pdf"
        generate_issue(args.seed, args.pages, path)
        size_mb = path.stat().st_size / 2**20
        print(f"issue: {args.pages} pages, seed {args.seed}, {size_mb:.1f} MB")
        base, chars = best_time("pdfplumber", path, args.repeat)
        print(f"pdfplumber parse (len(page.chars)): {base / args.pages * 1000:.0f} ms/page, "
              f"{chars} chars; {describe(memory('pdfplumber', path, args.tracemalloc))}")
        if not ours_available():
            print("ours: not available (layout.analysis.pdf.page.analyze_pdf)")
            return 0
        try:
            took, articles = best_time("ours", path, args.repeat)
        except Exception as exc:  # report, do not crash: this is a measurement script
            print(f"ours: failed: {type(exc).__name__}: {exc}")
            return 0
        print(f"ours (analyze_pdf): {took / args.pages * 1000:.0f} ms/page, {articles} articles;"
              f" ratio to pdfplumber parse {took / base:.2f}x (target <= 1.3x)")
        print(f"ours memory, {args.pages}-page issue: "
              f"{describe(memory('ours', path, args.tracemalloc))} (target <= 400 MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
