"""End-to-end time of one small conversion, start-up and font loading included (issue 9).

Takes a page file (default: ``examples/zhoukou-demo-zone-page.txt``) and optionally another
source tree to compare with (``--baseline DIR``, e.g. an older checkout); runs
``python -m layout convert PAGE -o TMP.pdf`` ``--repeat`` times per tree, interleaved so that
both sides see the same machine load, and prints per tree the median wall time and the median
CPU time (user + system of the child). Then, in this process, where the time goes: imports,
analysis, parsing the four bundled faces, rendering (both builds).

    python benchmarks/convert_startup.py
    python benchmarks/convert_startup.py --baseline /tmp/old-checkout --repeat 7

On a shared machine wall time follows the load; CPU time is the steadier figure.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "zhoukou-demo-zone-page.txt"


def run_once(tree: Path, page: Path, out: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one ``layout convert`` in a fresh interpreter."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "layout", "-q", "convert", str(page), "-o", str(out)],
                   cwd=tree, env=env, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def stages(page: Path) -> dict[str, float]:
    """Seconds per stage of the same conversion in this process (first run: cold)."""
    marks = [time.perf_counter()]
    sys.path.insert(0, str(ROOT))
    import layout.cli  # noqa: F401  (what `layout convert` imports at start-up)
    from layout.pipeline import read_issue
    from layout.render import fonts, pdf
    from layout.render.options import RenderOptions
    from layout.settings import DEFAULT_SETTINGS
    marks.append(time.perf_counter())
    issue = read_issue([page])
    marks.append(time.perf_counter())
    font_set = fonts.load_font_set()
    for name in (font_set.body, font_set.body_bold, font_set.head, font_set.kai):
        font_set.ensure(name)
    marks.append(time.perf_counter())
    pdf.render_issues([issue], io.BytesIO(), RenderOptions(), DEFAULT_SETTINGS)
    marks.append(time.perf_counter())
    names = ("imports", "analysis", "fonts (4 faces)", "render (all builds)")
    return {name: marks[i + 1] - marks[i] for i, name in enumerate(names)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("page", nargs="?", type=Path, default=SAMPLE)
    parser.add_argument("--baseline", type=Path, help="another source tree to time alike")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    trees = {"this tree": ROOT}
    if args.baseline:
        trees["baseline"] = args.baseline.resolve()
    page = args.page.resolve()
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in trees}
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out.pdf"
        for _ in range(args.repeat):
            for name, tree in trees.items():
                times[name].append(run_once(tree, page, out))
    print(f"layout convert {page.name} -o out.pdf, {args.repeat} runs each, medians:")
    for name, runs in times.items():
        wall = statistics.median(w for w, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        print(f"  {name:10} wall {wall:6.3f} s   cpu {cpu:6.3f} s")
    print("where the time goes (this tree, in process):")
    for name, seconds in stages(page).items():
        print(f"  {name:20} {seconds:6.3f} s")
    print(f"  (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
