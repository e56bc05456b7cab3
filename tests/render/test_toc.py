"""Table of contents in one build: every row's number is the page its article starts on."""

from __future__ import annotations

import io

import pdfplumber

from layout.model import Article, Block, Issue, Page, Role
from layout.render import pdf as render_pdf
from layout.render.options import RenderOptions
from layout.settings import Settings


def _issue() -> Issue:
    pages = []
    for p in range(1, 4):
        articles = []
        for k in range(1, 4):
            text = f"第{p}版第{k}篇的正文，内容用来占满版面。" * 12
            body = tuple(Block(Role.PARAGRAPH, text=text)
                         for _ in range(3 + k))
            articles.append(Article(id=f"p{p}-a{k}", headline=f"标题乙{p}丙{k}", blocks=body))
        pages.append(Page(number=p, articles=tuple(articles)))
    return Issue(source="toc", title="测试日报", pages=tuple(pages))


def test_toc_numbers_are_the_pages_of_the_articles_in_one_build(monkeypatch):
    builds = []
    real_build = render_pdf._Document.build

    def counting_build(self, *args, **kwargs):
        builds.append(self)
        return real_build(self, *args, **kwargs)

    monkeypatch.setattr(render_pdf._Document, "build", counting_build)
    out = io.BytesIO()
    render_pdf.render_issues([_issue()], out, RenderOptions(page_size="A5"), Settings())
    assert len(builds) == 1  # no second full layout pass for the page numbers
    with pdfplumber.open(io.BytesIO(out.getvalue())) as pdf:
        texts = [page.extract_text() or "" for page in pdf.pages]
        assert texts[0].startswith("目录")
        rows = {}
        for line in texts[0].splitlines():
            for p in range(1, 4):
                for k in range(1, 4):
                    title = f"标题乙{p}丙{k}"
                    if line.replace(" ", "").startswith(title):
                        rows[title] = int(line.replace(" ", "")[len(title):])
        assert len(rows) == 9, texts[0]
        for title, number in rows.items():
            first = next(i + 1 for i, t in enumerate(texts[1:], start=1)
                         if title in t.replace(" ", ""))
            assert number == first, (title, number, first)
        assert len(set(rows.values())) > 3  # the articles really spread over pages
