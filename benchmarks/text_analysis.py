"""Text-dump analysis: time per page and accuracy on the sample and on generated dumps.

Takes no input files beyond ../shared/corpus (the sample page; skipped when absent);
prints the analysis time per page for the sample (target <= 50 ms), the sample's
acceptance criteria, and the shared scorer's ratios over generated dumps from the
tuning part of the generator's parameter space and from its held-out part, with the
share of headlines found for articles that have neither byline nor dateline.

    /work/venv/bin/python benchmarks/text_analysis.py [--dumps 60] [--offset 0] [--repeat 20]
        [--failures]
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
from layout.model import Issue  # noqa: E402
from layout.model.serialize import issue_to_dict  # noqa: E402
from layout.settings import Settings  # noqa: E402
from tests.analysis.text.test_sample import (  # noqa: E402
    EXPECTED,
    SAMPLE,
    compare_sample,
    junk_problems,
)
from tests.synth.scoring import Score, TruthPage, norm, score_pages  # noqa: E402
from tests.synth.text_dumps import generate_dump  # noqa: E402


def time_sample(repeat: int) -> None:
    if SAMPLE is None:
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


def unclued_headlines(truths: list[TruthPage], issue: Issue) -> tuple[int, int]:
    """(found, total) headlines of articles with neither byline nor dateline, past the
    first article of a page (found = a predicted article has the exact headline)."""
    found = total = 0
    for truth, page in zip(truths, issue.pages, strict=False):
        predicted = {norm(a.headline) for a in page.articles}
        for article in truth.articles[1:]:
            if article.bylines:  # a byline line or a dateline's reporter
                continue
            total += 1
            found += norm(article.headline) in predicted
    return found, total


def score_generated(count: int, holdout: bool, show: bool, offset: int = 0) -> Score:
    total = Score()
    settings = Settings()
    seconds = 0.0
    pages = 0
    unclued = [0, 0]
    for seed in range(offset, offset + count):
        data, truths = generate_dump(10_000 * holdout + seed, holdout=holdout)
        start = time.perf_counter()
        issue = analyze_text_dump(data, f"gen-{seed}", settings)
        seconds += time.perf_counter() - start
        pages += len(issue.pages)
        score = score_pages(truths, list(issue.pages))
        if show and score.failures:
            print(f"  seed {seed}: {score.failures[:6]}")
        total = total + score
        found, among = unclued_headlines(truths, issue)
        unclued[0] += found
        unclued[1] += among
    label = "held-out" if holdout else "tuning"
    print(f"generated ({label}, {count} dumps, {pages} pages, "
          f"{seconds / max(pages, 1) * 1000:.1f} ms/page): {total}")
    print(f"  headlines of articles with neither byline nor dateline (not first on the page): "
          f"{unclued[0]}/{unclued[1]} ({unclued[0] / max(unclued[1], 1):.1%})")
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dumps", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--failures", action="store_true", help="list failures per dump")
    parser.add_argument("--offset", type=int, default=0, help="first generator seed")
    args = parser.parse_args()
    time_sample(args.repeat)
    score_generated(args.dumps, holdout=False, show=args.failures, offset=args.offset)
    score_generated(args.dumps, holdout=True, show=args.failures, offset=args.offset)


if __name__ == "__main__":
    main()
