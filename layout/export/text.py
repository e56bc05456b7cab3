"""Plain text and Markdown: issues' articles in reading order.

Takes :class:`Issue` objects; returns one string. Each issue opens with its title,
date and edition; each page with its label; each article gives its headline group
(kicker, headline, subtitle), its bylines, then its blocks: the dateline runs into the
first paragraph, subheads stand on their own line, figures show as ``[图]`` with their
caption and credit (images are not inlined); loose blocks and page furniture follow
the page's articles, so every content character of the structure is in the output.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from layout.model import Article, Block, Issue, Page, Role


def _issue_label(issue: Issue) -> str:
    parts = [issue.title or issue.source, issue.date,
             issue.edition and f"第{issue.edition}版", issue.section]
    return " · ".join(p for p in parts if p)


def _page_label(page: Page) -> str:
    parts = [f"第{page.edition}版" if page.edition else f"第{page.number}页", page.section]
    return " · ".join(p for p in parts if p)


def dateline_joint(dateline: str) -> str:
    """What goes between a dateline and the text it runs into: nothing after a bracket."""
    return "" if dateline.endswith(("）", ")", "】", "电", "：", ":")) else " "


def _caption(block: Block) -> str:
    return " ".join(x for x in (block.text, block.credit) if x)


# ---------------------------------------------------------------- plain text


def _article_txt(article: Article) -> list[str]:
    out: list[str] = []
    head = [x for x in (article.kicker, article.headline, article.subtitle) if x]
    if head:
        out.append("\n".join(head))
    if article.bylines:
        out.append("  ".join(article.bylines))
    body, dateline = _blocks_with_dateline(article, _block_txt)
    return out + body + ([dateline] if dateline else [])


def _blocks_with_dateline(article: Article,
                          block_lines: Callable[[Block, str | None], list[str]]
                          ) -> tuple[list[str], str | None]:
    """The article's blocks as ``block_lines`` writes them, the dateline handed to its
    first paragraph; and the dateline when no paragraph took it."""
    out: list[str] = []
    dateline = article.dateline
    for block in article.blocks:
        out.extend(block_lines(block, dateline))
        if dateline and block.role is Role.PARAGRAPH:
            dateline = None
    return out, dateline


def _block_txt(block: Block, dateline: str | None = None) -> list[str]:
    if block.role is Role.FIGURE:
        text = _caption(block)
        return [f"[图] {text}" if text else "[图]"]
    if block.role in (Role.CAPTION, Role.CREDIT):
        text = _caption(block)
        return [f"[图] {text}"] if text else []
    text = block.text or ""
    if dateline and block.role is Role.PARAGRAPH:
        text = dateline + dateline_joint(dateline) + text
    return [text] if text else []


def issues_to_text(issues: Sequence[Issue]) -> str:
    """Plain text: blank lines between paragraphs, a rule of ``=`` under each issue."""
    chunks: list[str] = []
    for issue in issues:
        label = _issue_label(issue)
        chunks.append(f"{label}\n{'=' * max(4, len(label))}")
        for page in issue.pages:
            chunks.append(f"【{_page_label(page)}】")
            for article in page.articles:
                chunks.extend(_article_txt(article))
                chunks.append("* * *")
            for block in page.blocks:
                chunks.extend(_block_txt(block))
            if page.furniture:
                chunks.append("\n".join(b.text for b in page.furniture if b.text))
    return "\n\n".join(c for c in chunks if c) + "\n"


# ---------------------------------------------------------------- Markdown

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def md_escape(text: str) -> str:
    """Text safe in a Markdown paragraph: specials escaped, no heading/list at its head."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    if re.match(r"[#>+-]|\d+[.)]\s", text):
        text = "\\" + text
    return text


def _article_md(article: Article) -> list[str]:
    out: list[str] = []
    if article.kicker:
        out.append(f"*{md_escape(article.kicker)}*")
    out.append(f"### {md_escape(article.headline)}" if article.headline else "### （无题）")
    if article.subtitle:
        out.append(f"**{md_escape(article.subtitle)}**")
    if article.bylines:
        out.append(" · ".join(md_escape(b) for b in article.bylines))
    body, dateline = _blocks_with_dateline(article, _block_md)
    return out + body + ([f"**{md_escape(dateline)}**"] if dateline else [])


def _block_md(block: Block, dateline: str | None = None) -> list[str]:
    if block.role is Role.FIGURE:
        text = _caption(block)
        return [f"*［图］* {md_escape(text)}" if text else "*［图］*"]
    if block.role in (Role.CAPTION, Role.CREDIT):
        text = _caption(block)
        return [f"> {md_escape(text)}"] if text else []
    text = md_escape(block.text or "")
    if not text:
        return []
    if block.role is Role.SUBHEAD:
        return [f"#### {text}"]
    if dateline and block.role is Role.PARAGRAPH:
        return [f"**{md_escape(dateline)}**{dateline_joint(dateline)}{text}"]
    return [text]


def issues_to_markdown(issues: Sequence[Issue]) -> str:
    """Markdown: ``#`` issue, ``##`` page, ``###`` headline, ``####`` subhead."""
    chunks: list[str] = []
    for issue in issues:
        chunks.append(f"# {md_escape(_issue_label(issue))}")
        for page in issue.pages:
            chunks.append(f"## {md_escape(_page_label(page))}")
            for article in page.articles:
                chunks.extend(_article_md(article))
            for block in page.blocks:
                chunks.extend(_block_md(block))
            if page.furniture:
                chunks.append("---")
                chunks.append("  \n".join(md_escape(b.text) for b in page.furniture if b.text))
    return "\n\n".join(c for c in chunks if c) + "\n"
