"""METS 1.12 issues: schema-valid, relative paths, one logical div per article."""

import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from layout.export import export
from layout.export.alto import page_to_alto
from layout.export.content import page_units
from layout.export.mets import METS_NS, XLINK_NS, PageFiles, issue_to_mets
from layout.export.verify import logical_articles, mets_problems
from layout.model import Issue
from tests.export.checks import xsd_errors
from tests.export.test_alto import _pages

M = f"{{{METS_NS}}}"


def _check(folder: Path, issue) -> ET.Element:
    xml = (folder / "mets.xml").read_bytes()
    altos = {p.relative_to(folder).as_posix(): p.read_bytes()
             for p in (folder / "alto").glob("*.xml")}
    assert len(altos) == len(issue.pages)
    assert mets_problems(xml, altos) == []
    errors = xsd_errors(xml, "mets")
    assert not errors, errors[:3]
    articles = logical_articles(xml)
    assert len(articles) == len(issue.articles())
    expected = [sum(u.element_count for u in g.units) for page in issue.pages
                for g in page_units(page) if g.kind == "article"]
    assert [len(ids) for _, ids in articles] == expected
    return ET.fromstring(xml)


def test_sample_page_mets(sample_source, tmp_path):
    written = export([sample_source], "mets", tmp_path / "out")
    assert written[-1].name == "mets.xml"
    root = _check(tmp_path / "out", sample_source.issue)
    hrefs = [loc.get(f"{{{XLINK_NS}}}href") for loc in root.iter(f"{M}FLocat")]
    for href in hrefs:
        assert not href.startswith("/")
        assert (tmp_path / "out" / href.split("#")[0]).resolve().is_file()
    assert {m.get("TYPE") for m in root.iter(f"{M}structMap")} == {"PHYSICAL", "LOGICAL"}
    titles = [t.text for t in root.iter("{http://www.loc.gov/mods/v3}title")]
    assert sample_source.issue.articles()[0].headline in titles


def test_synthetic_pdf_mets_points_into_the_pdf(synthetic_source, tmp_path):
    export([synthetic_source], "mets", tmp_path / "out")
    root = _check(tmp_path / "out", synthetic_source.issue)
    source = next(f for f in root.iter(f"{M}file") if f.get("MIMETYPE") == "application/pdf")
    href = source.find(f"{M}FLocat").get(f"{{{XLINK_NS}}}href")
    assert href.endswith("epaper-003.pdf#page=1")
    types = {d.get("TYPE") for d in root.iter(f"{M}div")}
    assert {"issue", "page", "article", "headline", "body", "caption", "illustration"} <= types


def test_several_issues_get_a_folder_each(sample_source, synthetic_source, tmp_path):
    export([sample_source, synthetic_source], "mets", tmp_path / "out")
    _check(tmp_path / "out" / sample_source.stem, sample_source.issue)
    _check(tmp_path / "out" / synthetic_source.stem, synthetic_source.issue)


@settings(max_examples=25, deadline=None)
@given(st.lists(_pages, min_size=1, max_size=3))
def test_any_issue_gives_valid_mets(pages):
    pages = tuple(replace(p, number=k) for k, p in enumerate(pages, start=1))
    issue = Issue(source="any.pdf", title="报", date="2024-01-15", pages=pages)
    altos = [page_to_alto(issue, p, "any.pdf") for p in pages]
    files = [PageFiles(f"../any.pdf#page={p.number}", "application/pdf",
                       f"alto/page-{p.number:03d}.xml") for p in pages]
    xml = issue_to_mets(issue, altos, files, "any")
    by_href = {f.alto: a.xml for f, a in zip(files, altos, strict=True)}
    assert mets_problems(xml, by_href) == []
    assert not xsd_errors(xml, "mets")
    assert len(logical_articles(xml)) == len(issue.articles())
