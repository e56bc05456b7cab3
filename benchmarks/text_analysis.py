"""Text-dump analysis: time per page and accuracy on the sample and per composer × family.

Takes no input files beyond ../shared/corpus (the sample page; skipped when absent);
prints the analysis time per page for the sample (target <= 50 ms) and the sample's
acceptance criteria, then one row per dump source — composer × style family, on held-out
seeds unless ``--split tune`` — with the shared scorer's ratios: headline groups exact
(kicker, headline and subtitle all right) of every article and, as ``shown``, of the
articles whose headline is text (an outlined headline is in no dump), bylines (names),
paragraphs intact, articles found, and the analysis time per page; the worst row (lowest
of groups, bylines, paragraphs) comes last. Sources (tests/synth/dump_sources.py):
``text_dumps`` (the first generator, family ``mixed``), ``alt`` (the second generator),
and dumps extracted from composed pages, ``COMPOSER.EXTRACTOR`` (reportlab / typst /
weasyprint × clean / raw).

    python benchmarks/text_analysis.py [--composer typst ...] [--family party ...]
        [--seeds 8] [--offset 0] [--split holdout|tune] [--repeat 20] [--failures]

``--composer`` matches the start of a source's composer label (``typst`` takes
typst.clean and typst.raw). Composed pages are cached (``$LAYOUT_SYNTH_CACHE``).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from layout.analysis.text.dump import analyze_text_dump  # noqa: E402
from layout.model.serialize import issue_to_dict  # noqa: E402
from layout.settings import Settings  # noqa: E402
from tests.analysis.text.test_sample import (  # noqa: E402
    EXPECTED,
    SAMPLE,
    compare_sample,
    junk_problems,
)
from tests.synth.dump_sources import DumpSource, dump_sources  # noqa: E402
from tests.synth.scoring import Score, score_pages  # noqa: E402

RATIOS = ("groups", "shown", "bylines", "paragraphs", "articles")
WORST_OF = ("groups", "bylines", "paragraphs")  # the acceptance figures


def time_sample(repeat: int) -> None:
    if not SAMPLE.exists():
        print("sample page: ../shared/corpus/text not available")
        return
    data = SAMPLE.read_bytes()
    settings = Settings()
    analyze_text_dump(data, str(SAMPLE), settings)  # warm up imports and regex caches
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        issue = analyze_text_dump(data, str(SAMPLE), settings)
        times.append(time.perf_counter() - start)
    print(f"sample page: analysis {statistics.median(times) * 1000:.1f} ms/page "
          f"(median of {repeat}, min {min(times) * 1000:.1f} ms; target <= 50 ms)")
    report = compare_sample(issue.pages[0], json.loads(EXPECTED.read_text(encoding="utf-8")))
    print(f"sample page: {report}")
    problems = junk_problems(issue_to_dict(issue))
    print(f"sample page: junk/doubled/CJK-space problems: {len(problems)} {problems[:3]}")
    for failure in report.failures:
        print("  -", failure)


def score_source(source: DumpSource, seeds: range, holdout: bool, show: bool
                 ) -> tuple[Score, float]:
    """The summed score of a source's dumps and the analysis time per page (ms)."""
    total = Score()
    settings = Settings()
    seconds = 0.0
    for seed in seeds:
        data, truths = source.make(seed, holdout)
        start = time.perf_counter()
        issue = analyze_text_dump(data, f"{source.name}-{seed}", settings)
        seconds += time.perf_counter() - start
        score = score_pages(truths, list(issue.pages))
        if show and score.failures:
            print(f"  {source.name} seed {seed}: {score.failures[:6]}", flush=True)
        total = total + score
    return total, seconds / max(total.pages, 1) * 1000


def row(name: str, score: Score, ms: float) -> str:
    cells = " ".join(f"{score.ratio(r):>9.1%}" for r in RATIOS)
    return f"{name:<30} {score.pages:>5} {cells} {ms:>8.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--composer", nargs="*", default=[],
                        help="composer labels (prefixes): text_dumps alt reportlab typst ...")
    parser.add_argument("--family", nargs="*", default=[], help="mixed party city feature")
    parser.add_argument("--seeds", type=int, default=8, help="dumps per source")
    parser.add_argument("--offset", type=int, default=0, help="first seed")
    parser.add_argument("--split", choices=("holdout", "tune"), default="holdout")
    parser.add_argument("--repeat", type=int, default=20, help="timing runs of the sample")
    parser.add_argument("--failures", action="store_true", help="list failures per dump")
    args = parser.parse_args()
    time_sample(args.repeat)
    sources = [s for s in dump_sources()
               if (not args.composer or any(s.composer.startswith(c) for c in args.composer))
               and (not args.family or s.family in args.family)]
    seeds = range(args.offset, args.offset + args.seeds)
    print(f"\n{args.split} seeds {seeds.start}-{seeds.stop - 1}; worst row last")
    print(f"{'composer/family':<30} {'pages':>5} " + " ".join(f"{r:>9}" for r in RATIOS)
          + f" {'ms/page':>8}")
    rows = []
    for source in sources:
        score, ms = score_source(source, seeds, args.split == "holdout", args.failures)
        rows.append((min(score.ratio(r) for r in WORST_OF), source.name, score, ms))
    for _, name, score, ms in sorted(rows, key=lambda r: -r[0]):
        print(row(name, score, ms))
    print("groups: of every article; shown: of the articles whose headline is text (an"
          " outlined headline, drawn as shapes, is in no dump: its group comes out right only"
          " where the dump shows a headline missing, a —— subtitle with nothing above it)")
    if rows:
        worst = min(rows, key=lambda r: r[0])
        print(f"worst: {worst[1]} (lowest of groups/bylines/paragraphs {worst[0]:.1%})")


if __name__ == "__main__":
    main()
