"""Export acceptance figures: ALTO/METS validity and completeness, EPUB epubcheck runs.

Takes nothing (options: ``--pages N`` generated pages, ``--issues N`` issues in the
archive EPUB, ``--no-real`` to skip the corpus PDFs, ``--real-pages N`` to cap pages per
corpus PDF); prints, per input set, the pages, articles and characters checked and how
many ALTO/METS files failed the XSDs, the content check (every content character of the
structure once in the ALTO Strings, in order through ReadingOrder) and the METS check
(one logical div per article with an area for each of its parts); then the epubcheck
errors for the sample page, a generated issue and an archive of several issues, and
whether each navigation lists every article; and that a schema_version 1 file loads.

Run: ``nice python benchmarks/export_formats.py`` (a few minutes: it draws the pages).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from layout.export import export  # noqa: E402
from layout.export.alto import ALTO_NS  # noqa: E402
from layout.export.content import content_text, page_units  # noqa: E402
from layout.export.sources import IssueSource, read_issue_source  # noqa: E402
from layout.export.verify import (  # noqa: E402
    alto_problems,
    alto_reading_text,
    logical_articles,
    mets_problems,
)
from layout.model import issue_from_dict, issue_to_dict  # noqa: E402
from tests.export.checks import epubcheck, xsd_errors  # noqa: E402
from tests.model.versions import as_version_1  # noqa: E402
from tests.shared_corpus import corpus_path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "zhoukou-demo-zone-page.txt"


def _squash(text: str) -> str:
    return "".join(text.split())


def check_archive(name: str, source: IssueSource, out: Path) -> dict:
    """Export METS + ALTO for one issue and check every file; figures as a dict."""
    export([source], "mets", out)
    issue = source.issue
    figures = {"set": name, "pages": len(issue.pages), "articles": len(issue.articles()),
               "chars": 0, "alto_xsd_fail": 0, "mets_xsd_fail": 0, "xsd": "yes",
               "content_fail": 0, "structure_fail": 0, "article_div_fail": 0}
    altos = {}
    for page in issue.pages:
        xml = (out / "alto" / f"page-{page.number:03d}.xml").read_bytes()
        altos[f"alto/page-{page.number:03d}.xml"] = xml
        errors = xsd_errors(xml, "alto")
        if errors is None:
            figures["xsd"] = "absent"
        elif errors:
            figures["alto_xsd_fail"] += 1
            print(f"  {name} p{page.number}: {errors[0]}", file=sys.stderr)
        if alto_problems(xml):
            figures["structure_fail"] += 1
        wanted = _squash(content_text(type(issue)(source=issue.source, pages=(page,))))
        read = _squash(alto_reading_text(xml))
        every = _squash("".join(s.get("CONTENT", "") for s in ET.fromstring(xml).iter(
            f"{{{ALTO_NS}}}String")))
        figures["chars"] += len(wanted)
        if read != wanted or len(every) != len(wanted):
            figures["content_fail"] += 1
    mets = (out / "mets.xml").read_bytes()
    errors = xsd_errors(mets, "mets")
    if errors:
        figures["mets_xsd_fail"] += 1
        print(f"  {name} METS: {errors[0]}", file=sys.stderr)
    if mets_problems(mets, altos):
        figures["structure_fail"] += 1
    divs = logical_articles(mets)
    expected = [sum(u.element_count for u in g.units) for page in issue.pages
                for g in page_units(page) if g.kind == "article"]
    if len(divs) != len(expected) or [len(ids) for _, ids in divs] != expected:
        figures["article_div_fail"] = abs(len(divs) - len(expected)) or sum(
            1 for (_, ids), n in zip(divs, expected, strict=True) if len(ids) != n)
    return figures


def check_epub(name: str, sources: list[IssueSource], path: Path, **options) -> dict:
    from layout.export import ExportOptions

    export(sources, "epub", path, ExportOptions(**options))
    with zipfile.ZipFile(path) as z:
        nav = z.read("OEBPS/nav.xhtml").decode("utf-8")
    links = re.findall(r'href="text/(i\d+-p\d+-a\d+)\.xhtml"', nav)
    articles = sum(len(s.issue.articles()) for s in sources)
    result = epubcheck(path)
    return {"set": name, "issues": len(sources), "articles": articles, "nav_articles": len(links),
            "epubcheck_errors": "absent" if result is None else result[0],
            "size_kb": round(path.stat().st_size / 1024)}


def version_1_loads(source: IssueSource) -> bool:
    data = issue_to_dict(source.issue)
    v1 = as_version_1(data)
    issue = issue_from_dict(json.loads(json.dumps(v1)))
    return issue.schema_version == 2 and content_text(issue) == content_text(source.issue)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20, help="generated e-paper pages")
    parser.add_argument("--issues", type=int, default=5, help="issues in the archive EPUB")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-real", action="store_true")
    parser.add_argument("--real-pages", type=int, default=0, help="cap per corpus PDF (0: all)")
    args = parser.parse_args()
    from tests.synth.epaper import generate_issue

    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        sample = read_issue_source([SAMPLE])
        issue_pdf = tmp / "generated-issue.pdf"
        generate_issue(args.seed, args.pages, issue_pdf)
        generated = read_issue_source([issue_pdf])
        rows = [check_archive("sample page", sample, tmp / "sample"),
                check_archive(f"{args.pages} generated pages", generated, tmp / "generated")]
        real = corpus_path("real")
        if real is not None and not args.no_real:
            for pdf in sorted(real.glob("*.pdf")):
                source = read_issue_source([pdf])
                if args.real_pages:
                    source = IssueSource(type(source.issue)(**{
                        **{k: getattr(source.issue, k) for k in (
                            "source", "title", "date", "edition", "section")},
                        "pages": source.issue.pages[: args.real_pages]}),
                        source.pages[: args.real_pages], source.inputs)
                rows.append(check_archive(pdf.name, source, tmp / pdf.stem))
        print("ALTO/METS (fail columns count files or articles that failed; 0 is the goal)")
        keys = list(rows[0])
        print("\t".join(keys))
        for row in rows:
            print("\t".join(str(row[k]) for k in keys))

        archive = []
        for k in range(args.issues):
            path = tmp / f"issue-{k + 1}.pdf"
            generate_issue(args.seed + 100 + k, 2, path)
            archive.append(read_issue_source([path]))
        books = [check_epub("sample page", [sample], tmp / "sample.epub"),
                 check_epub(f"{args.pages}-page issue", [generated], tmp / "issue.epub"),
                 check_epub(f"archive of {args.issues} issues", archive, tmp / "archive.epub"),
                 check_epub("archive, vertical, fonts embedded", archive,
                            tmp / "archive-v.epub", writing_mode="vertical", embed_fonts=True)]
        print("\nEPUB (epubcheck errors; nav_articles must equal articles)")
        keys = list(books[0])
        print("\t".join(keys))
        for row in books:
            print("\t".join(str(row[k]) for k in keys))
        print(f"\nschema_version 1 structure loads: {version_1_loads(sample)}")
    print(f"({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
