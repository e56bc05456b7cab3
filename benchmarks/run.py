"""Speed and memory of every stage, end to end, beside common extractors (benchmark table).

Takes issue sizes and a seed; generates synthetic e-paper issues of 2, 10, 20 and 100 pages
(``tests.synth.epaper.generate_issue``; ``--quick``: 2, 5 and 10) plus the sample text page
(``examples/``) and runs every task in a fresh process, measured from outside (wall clock
including start-up and imports, with the package's bytecode compiled first as an install
compiles it; CPU of the process and its workers, peak RSS of the largest process): the
pdfplumber char parse (the floor), both raw readers, ``layout analyze`` and ``layout
convert`` (also with ``--jobs 2``), rendering alone (``convert`` of the structure JSON), and
pdftotext, pdfminer.six and PyMuPDF. Prints one table (pages per second, CPU
seconds per page, peak RSS, output bytes per page, ratio to the floor in CPU time per
page), the paragraphs-intact rate of each tool on the same pages (the scoring of
``benchmarks/pdf_baselines.py``), and the acceptance figures of issue 9, all from this run.
``--json FILE`` writes every figure for comparing commits.

    nice python benchmarks/run.py --quick
    nice python benchmarks/run.py --json bench.json --work /tmp/bench   # keeps the issues
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


SAMPLE = ROOT / "examples" / "zhoukou-demo-zone-page.txt"
SIZES, QUICK_SIZES = (2, 10, 20, 100), (2, 5, 10)
JOBS_PAGES = 20  # the --jobs 2 acceptance issue (the largest size below it when --quick)
SAMPLE_REPEAT = 5  # runs of the sample page at least (a second or so each)

CHILD = {  # tasks run with ``python -c``; argv[1] input, argv[2] output
    "floor": "import pdfplumber,sys\n"
             "with pdfplumber.open(sys.argv[1]) as pdf:\n"
             "    for page in pdf.pages:\n        len(page.chars); page.close()\n",
    "read pdfium": "import sys\nfrom layout.ingest.pdfium import read_pdf\n"
                   "for raw in read_pdf(sys.argv[1]): len(raw.glyphs)\n",
    "read pdfplumber": "import sys\nfrom layout.ingest.pdf import read_pdf\n"
                       "for raw in read_pdf(sys.argv[1]): len(raw.glyphs)\n",
    "pdfminer.six": "import sys\nfrom pdfminer.high_level import extract_text\n"
                    "open(sys.argv[2], 'w').write(extract_text(sys.argv[1]))\n",
    "PyMuPDF": "import sys, pymupdf\ndoc = pymupdf.open(sys.argv[1])\n"
               "open(sys.argv[2], 'w').write('\\f'.join(p.get_text('text', sort=True) "
               "for p in doc))\n",
}


@dataclass
class Measure:
    task: str
    issue: str
    pages: int
    wall_s: float = 0.0
    cpu_s: float = 0.0
    peak_rss_mb: float = 0.0
    output_bytes: int = 0
    output_pages: int = 0
    error: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def cpu_per_page(self) -> float:
        return self.cpu_s / max(1, self.pages)


def run_measured(task: str, issue: str, pages: int, argv: list[str],
                 output: Path | None = None) -> Measure:
    """Run ``argv`` as a child process; wall time, CPU and peak RSS (its workers included).

    Linux carries a forked child's peak RSS over ``exec``, so this process must stay small
    (nothing heavy imported before the measurements) for the peak to be the task's own."""
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    m = Measure(task, issue, pages)
    m.extra["load"] = os.getloadavg()[0]
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    stderr = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    m.wall_s = time.perf_counter() - start
    m.cpu_s = usage.ru_utime + usage.ru_stime
    m.peak_rss_mb = usage.ru_maxrss / 1024  # KB on Linux; the largest of the process tree
    if proc.returncode != 0:
        m.error = (stderr.decode("utf-8", "replace").strip().splitlines() or ["failed"])[-1]
    if output is not None and output.exists():
        m.output_bytes = output.stat().st_size
        if output.suffix == ".pdf":
            import pypdfium2 as pdfium
            doc = pdfium.PdfDocument(str(output))
            m.output_pages = len(doc)
            doc.close()
    return m


def layout_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "layout", "-q", *args]


Spec = tuple[str, str, int, list[str], "Path | None"]  # task, issue, pages, argv, output


def measure_alternating(specs: list[Spec], repeat: int) -> list[Measure]:
    """Run the tasks of ``specs`` in turn, ``repeat`` rounds (a, b, c, a, b, c, ...), so
    each sees the same spread of machine load; per task a :class:`Measure` whose wall, CPU
    and peak RSS are each the median of its runs (``extra``: every run's wall and CPU, the
    load averages, the method). A ratio of two such tasks compares like with like."""
    runs: list[list[Measure]] = [[] for _ in specs]
    for _ in range(max(1, repeat)):
        for k, (task, issue, pages, argv, output) in enumerate(specs):
            runs[k].append(run_measured(task, issue, pages, argv, output))
    return [_median_of(task_runs) for task_runs in runs]


def _median_of(runs: list[Measure]) -> Measure:
    failed = [r for r in runs if r.error]
    if failed:
        return failed[0]
    m = Measure(runs[0].task, runs[0].issue, runs[0].pages,
                wall_s=statistics.median(r.wall_s for r in runs),
                cpu_s=statistics.median(r.cpu_s for r in runs),
                peak_rss_mb=statistics.median(r.peak_rss_mb for r in runs),
                output_bytes=runs[-1].output_bytes, output_pages=runs[-1].output_pages)
    loads = [r.extra["load"] for r in runs]
    m.extra.update(load=statistics.median(loads), loads=loads, runs=len(runs),
                   method=f"median of {len(runs)}, alternated",
                   runs_wall=[r.wall_s for r in runs], runs_cpu=[r.cpu_s for r in runs])
    return m


def measure_issue(name: str, path: Path, pages: int, work: Path, repeat: int,
                  jobs: bool) -> list[Measure]:
    """Every task on one issue: the floor, ``analyze`` and ``convert`` taken alternately
    ``repeat`` times (medians kept, see :func:`measure_alternating`), the rest once; with
    ``jobs`` also the ``--jobs`` runs."""
    out = work / name
    out.mkdir(exist_ok=True)
    structure = out / "issue.json"
    floor, analyze, convert = measure_alternating([
        ("floor (pdfplumber chars)", name, pages,
         [sys.executable, "-c", CHILD["floor"], str(path)], None),
        ("analyze", name, pages, layout_cmd("analyze", str(path), "-o", str(structure)),
         structure),
        ("convert", name, pages, layout_cmd("convert", str(path), "-o", str(out / "c.pdf"),
                                            "--json", str(out / "c.json")), out / "c.pdf"),
    ], repeat)
    rows = [floor]
    for task in ("read pdfium", "read pdfplumber"):
        rows.append(run_measured(task, name, pages, [sys.executable, "-c", CHILD[task], str(path)]))
    rows.append(analyze)
    rows.append(run_measured("analyze --reader pdfplumber", name, pages,
                             layout_cmd("analyze", str(path), "-o", str(out / "plumber.json"),
                                        "--reader", "pdfplumber"), out / "plumber.json"))
    rows.append(run_measured("render (convert JSON)", name, pages,
                             layout_cmd("convert", str(structure), "-o", str(out / "r.pdf")),
                             out / "r.pdf"))
    rows.append(convert)
    if jobs:
        rows += measure_jobs(name, path, pages, out, repeat)
    if shutil.which("pdftotext"):
        rows.append(run_measured("pdftotext", name, pages,
                                 ["pdftotext", "-enc", "UTF-8", str(path), str(out / "pt.txt")],
                                 out / "pt.txt"))
    rows.append(run_measured("pdfminer.six", name, pages,
                             [sys.executable, "-c", CHILD["pdfminer.six"], str(path),
                              str(out / "pm.txt")], out / "pm.txt"))
    rows.append(run_measured("PyMuPDF", name, pages,
                             [sys.executable, "-c", CHILD["PyMuPDF"], str(path),
                              str(out / "mu.txt")], out / "mu.txt"))
    return rows


def measure_jobs(name: str, path: Path, pages: int, out: Path, repeat: int) -> list[Measure]:
    """``analyze`` and ``convert`` with ``--jobs 1`` and ``--jobs 2``, taken alternately
    ``repeat`` times each; the run with the best wall time of each is kept (the one other
    processes slowed least), with the outputs of ``--jobs 2`` compared to ``--jobs 1``'s."""
    rows = []
    for command in ("analyze", "convert"):
        best: dict[int, Measure] = {}
        walls: dict[int, list[float]] = {1: [], 2: []}
        for _ in range(max(1, repeat)):
            for jobs in (1, 2):
                json_out = out / f"jobs{jobs}-{command}.json"
                cmd = [command, str(path), "-o", str(json_out)] if command == "analyze" else [
                    command, str(path), "-o", str(out / f"jobs{jobs}.pdf"), "--json",
                    str(json_out)]
                m = run_measured(f"{command} --jobs {jobs} (best)", name, pages,
                                 layout_cmd(*cmd, "--jobs", str(jobs)),
                                 json_out if command == "analyze" else out / f"jobs{jobs}.pdf")
                if not m.error:
                    walls[jobs].append(m.wall_s)
                if not m.error and (jobs not in best or m.wall_s < best[jobs].wall_s):
                    best[jobs] = m
        for jobs, m in best.items():
            m.extra.update(runs=len(walls[jobs]), runs_wall=walls[jobs],
                           method=f"best of {len(walls[jobs])}, alternated")
        if 2 in best:
            best[2].extra["identical"] = (out / f"jobs2-{command}.json").read_bytes() == (
                out / f"jobs1-{command}.json").read_bytes()
        rows += [best[j] for j in (1, 2) if j in best]
    return rows


def intact_rates(work: Path, name: str, truths: list) -> dict[str, float]:
    """Share of truth paragraphs found intact, per tool, on the pages of issue ``name``."""
    from benchmarks.pdf_baselines import Row, page_text, totals
    from layout.model import issue_from_json

    out = work / name
    texts: dict[str, list[str]] = {}
    for tool, file in (("pdftotext", "pt.txt"), ("pdfminer.six", "pm.txt"),
                       ("PyMuPDF", "mu.txt")):
        if (out / file).exists():
            texts[tool] = (out / file).read_text("utf-8", "replace").split("\f")
    for tool, file in (("layout (pdfium)", "issue.json"), ("layout (pdfplumber)", "plumber.json")):
        if (out / file).exists():
            issue = issue_from_json((out / file).read_text("utf-8"))
            texts[tool] = [page_text(p) for p in issue.pages]
    n_par = totals(truths)[0]
    rates = {}
    for tool, pages in texts.items():
        row = Row(tool)
        for k, truth in enumerate(truths):
            row.add(truth, pages[k] if k < len(pages) else "")
        rates[tool] = row.paragraphs / max(1, n_par)
    return rates


def format_rows(rows: list[Measure]) -> str:
    floors = {r.issue: r for r in rows if r.task.startswith("floor")}
    head = (f"{'issue':<10} {'task':<28} {'pages/s':>8} {'CPU s/pg':>9} {'peak MB':>8} "
            f"{'out KB/pg':>9} {'x floor':>8}")
    lines = [head, "-" * len(head)]
    for r in rows:
        if r.error:
            lines.append(f"{r.issue:<10} {r.task:<28} failed: {r.error[:60]}")
            continue
        floor = floors.get(r.issue)
        ratio = r.cpu_per_page / floor.cpu_per_page if floor and floor.cpu_s else float("nan")
        per_page = r.output_bytes / max(1, r.output_pages or r.pages) / 1024
        out = f"{per_page:9.1f}" if r.output_bytes else f"{'':9}"
        note = "" if "identical" not in r.extra else (
            "  same output" if r.extra["identical"] else "  OUTPUT DIFFERS")
        lines.append(f"{r.issue:<10} {r.task:<28} {r.pages / r.wall_s:8.2f} "
                     f"{r.cpu_per_page:9.3f} {r.peak_rss_mb:8.0f} {out} {ratio:8.2f}{note}")
    return "\n".join(lines)


def same_articles(work: Path, name: str) -> bool | None:
    """Whether both readers' structures hold the same articles (headline and text)."""
    from layout.model import issue_from_json

    files = [work / name / f for f in ("issue.json", "plumber.json")]
    if not all(f.exists() for f in files):
        return None
    issues = [issue_from_json(f.read_text("utf-8")) for f in files]
    return all(
        [(a.headline, [b.text for b in a.blocks]) for a in p.articles]
        == [(a.headline, [b.text for b in a.blocks]) for a in q.articles]
        for p, q in zip(issues[0].pages, issues[1].pages, strict=True))


def acceptance(rows: list[Measure], sizes: tuple[int, ...], work: Path | None = None
               ) -> list[tuple[str, str, str, str, str]]:
    """(point, figure, target, met, load average) for every acceptance point of issue 9."""
    def get(issue: str, task: str) -> Measure | None:
        return next((r for r in rows if r.issue == issue and r.task == task and not r.error),
                    None)

    def met(ok: bool) -> str:
        return "yes" if ok else "NO"

    def at(*measures: Measure) -> str:
        loads = [m.extra.get("load", float("nan")) for m in measures]
        low, high = f"{min(loads):.1f}", f"{max(loads):.1f}"
        return low if low == high else f"{low}-{high}"

    out = []
    big = f"{sizes[-1]}p"
    floor, analyze, convert = get(big, "floor (pdfplumber chars)"), get(big, "analyze"), get(
        big, "convert")
    if floor and analyze and convert:
        for task, m, target in (("analyze", analyze, 0.5), ("convert", convert, 0.8)):
            ratio = m.cpu_per_page / floor.cpu_per_page
            out.append((f"{task} / floor, CPU per page, {big} ({_method(m)})",
                        f"{ratio:.2f} (wall {m.wall_s / floor.wall_s:.2f}"
                        f"{_spread(m, floor, 'runs_cpu')})", f"<= {target}",
                        met(ratio <= target), at(floor, m)))
    if work is not None:
        for size in sizes:
            same = same_articles(work, f"{size}p")
            if same is not None:
                out.append((f"both readers give the same articles, {size}p", str(same), "True",
                            met(same), ""))
    sample = get("sample", "convert")
    if sample:
        out.append((f"sample text page, convert end to end (wall, {_method(sample)})",
                    f"{sample.wall_s:.2f} s ({sample.cpu_s:.2f} s CPU{_spread(sample)})",
                    "<= 0.8 s",
                    met(sample.wall_s <= 0.8), at(sample)))
    small = f"{10 if 10 in sizes else sizes[-2]}p" if len(sizes) > 1 else None
    c_small, c_big = (get(small, "convert") if small else None), convert
    if c_small and c_big:
        ratio = c_big.peak_rss_mb / c_small.peak_rss_mb
        out.append((f"convert peak RSS {big} / {small}", f"{c_big.peak_rss_mb:.0f} / "
                    f"{c_small.peak_rss_mb:.0f} MB = {ratio:.2f}", "<= 1.2 and <= 250 MB",
                    met(ratio <= 1.2 and c_big.peak_rss_mb <= 250), at(c_small, c_big)))
    jobs_issue = f"{max(s for s in sizes if s <= JOBS_PAGES)}p"
    for task in ("analyze", "convert"):
        one, two = (get(jobs_issue, f"{task} --jobs {j} (best)") for j in (1, 2))
        if one and two:
            speedup = one.wall_s / two.wall_s
            out.append((f"{task} --jobs 2 vs --jobs 1 on {jobs_issue} (wall, {_method(two)})",
                        f"{speedup:.2f}x (CPU {two.cpu_s:.1f} / {one.cpu_s:.1f} s"
                        f"{_spread(one, two, 'runs_wall')})", ">= 1.6x",
                        met(speedup >= 1.6), at(one, two)))
            same = bool(two.extra.get("identical"))
            out.append((f"{task} --jobs 2 output identical to --jobs 1", str(same), "True",
                        met(same), ""))
    body = [r for r in rows if r.task == "convert" and not r.error and r.output_pages]
    if body:
        worst = max(r.output_bytes / r.output_pages for r in body) / 1024
        out.append(("output PDF, largest KB per output page", f"{worst:.1f}", "<= 60",
                    met(worst <= 60), ""))
    return out


def _method(m: Measure) -> str:
    return m.extra.get("method", "1 run")


def _spread(m: Measure, over: Measure | None = None, key: str = "runs_wall") -> str:
    """``; runs a-b``: the range of ``m``'s runs (wall, s), or with ``over`` of the ratios
    run by run (``m``'s k-th over ``over``'s k-th, taken in the same round; per page)."""
    mine, theirs = m.extra.get(key, []), over.extra.get(key, []) if over else []
    if over is None:
        values = mine
    else:
        scale = over.pages / max(1, m.pages)
        values = [a / b * scale for a, b in zip(mine, theirs, strict=False) if b]
    if len(values) < 2:
        return ""
    unit = "" if over is not None else " s"
    return f"; runs {min(values):.2f}-{max(values):.2f}{unit}"


def format_acceptance(points: list[tuple[str, str, str, str, str]]) -> str:
    head = ("acceptance point", "figure", "target", "met", "load")
    widths = [max(len(p[k]) for p in [head, *points]) for k in range(5)]
    return "\n".join("  " + "  ".join(c.ljust(w) for c, w in zip(p, widths, strict=True))
                     for p in [head, tuple("-" * w for w in widths), *points])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"issues of {QUICK_SIZES} pages")
    parser.add_argument("--sizes", help="comma-separated page counts (default 2,10,20,100)")
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--work", type=Path, help="keep issues and outputs here (reused)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write every figure here")
    parser.add_argument("--repeat", type=int, default=3,
                        help="rounds of the floor, analyze and convert on every issue "
                             "(medians kept) and of --jobs 1 and --jobs 2 on the jobs issue "
                             "(best kept), each round alternating the tasks")
    args = parser.parse_args(argv)
    sizes = tuple(int(s) for s in args.sizes.split(",")) if args.sizes else (
        QUICK_SIZES if args.quick else SIZES)
    load_before = Path("/proc/loadavg").read_text().split()[:3]
    with tempfile.TemporaryDirectory() as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        rows: list[Measure] = []
        jobs_size = max(s for s in sizes if s <= JOBS_PAGES)
        issues = {}
        for n in sizes:  # generated in a child: this process stays small (see run_measured)
            folder = work / f"gen-{args.seed}-{n}"
            if not (folder / "issue.pdf").exists() or not (folder / "issue.json").exists():
                print(f"generating a {n}-page issue ...", file=sys.stderr)
                subprocess.run([sys.executable, "-m", "tests.synth.epaper", "--issue", "--out",
                                str(folder), "--pages", str(n), "--seed", str(args.seed)],
                               cwd=ROOT, check=True)
            issues[n] = folder
        compile_bytecode()
        for n in sizes:
            print(f"measuring the {n}-page issue ...", file=sys.stderr)
            rows += measure_issue(f"{n}p", issues[n] / "issue.pdf", n, work, args.repeat,
                                  jobs=n == jobs_size)
        sample_out = work / "sample"
        sample_out.mkdir(exist_ok=True)
        rows += measure_alternating([
            ("analyze", "sample", 1, layout_cmd(
                "analyze", str(SAMPLE), "-o", str(sample_out / "s.json")), sample_out / "s.json"),
            ("convert", "sample", 1, layout_cmd(
                "convert", str(SAMPLE), "-o", str(sample_out / "s.pdf")), sample_out / "s.pdf"),
        ], max(args.repeat, SAMPLE_REPEAT))
        load_after = Path("/proc/loadavg").read_text().split()[:3]
        points = acceptance(rows, sizes, work)
        from tests.synth.scoring import truth_from_dict

        rates: dict[str, dict[str, float]] = {}
        for n in sizes:
            truths = [truth_from_dict(d) for d in
                      json.loads((issues[n] / "issue.json").read_text("utf-8"))]
            rates[f"{n}p"] = intact_rates(work, f"{n}p", truths)
    print(f"load average before {' '.join(load_before)}, after {' '.join(load_after)} "
          f"({os.cpu_count()} CPUs); wall includes start-up; 'x floor' is CPU s/page over "
          "the pdfplumber char parse's")
    print(format_rows(rows))
    print("\nparagraphs intact (whitespace-free truth paragraph found unbroken):")
    tools = sorted({t for r in rates.values() for t in r})
    print(f"{'issue':<10} " + " ".join(f"{t:>20}" for t in tools))
    for issue, found in rates.items():
        print(f"{issue:<10} " + " ".join(
            f"{found[t]:>20.1%}" if t in found else f"{'n/a':>20}" for t in tools))
    print("\nissue 9 acceptance figures (this run; load = 1-minute load average when measured, "
          f"{os.cpu_count()} CPUs):")
    print(format_acceptance(points))
    if args.json:
        args.json.write_text(json.dumps({
            "commit": _commit(), "sizes": sizes, "seed": args.seed,
            "load_before": load_before, "load_after": load_after,
            "rows": [asdict(r) for r in rows], "paragraphs_intact": rates,
            "acceptance": points}, indent=1), "utf-8")
    return 0


def compile_bytecode() -> None:
    """Compile the package's bytecode before measuring, as installing it does: in a
    checkout run with ``PYTHONDONTWRITEBYTECODE`` (or before its first run) every start
    would compile layout's modules from source again (about 0.15 s of CPU), a cost no
    installed copy pays. Written to the tree's ``__pycache__`` folders (git ignores them)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "layout")],
                   cwd=ROOT, check=False, stdout=subprocess.DEVNULL)


def _commit() -> str:
    done = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return done.stdout.strip()


if __name__ == "__main__":
    raise SystemExit(main())
