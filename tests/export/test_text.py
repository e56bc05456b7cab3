"""Plain text and Markdown: articles in reading order, nothing lost."""

from layout.export.content import content_text
from layout.export.text import issues_to_markdown, issues_to_text, md_escape
from layout.model import Article, Block, Issue, Page, Role


def _subsequence(wanted: str, shown: str) -> bool:
    it = iter(shown)
    return all(ch in it for ch in wanted)


def _squash(text: str) -> str:
    return "".join(text.split())


def test_text_holds_every_character_in_order(sample_source, synthetic_source):
    for source in (sample_source, synthetic_source):
        issue = source.issue
        for out in (issues_to_text([issue]), issues_to_markdown([issue])):
            assert _subsequence(_squash(content_text(issue)), _squash(out).replace("\\", ""))
        text = issues_to_text([issue])
        heads = [a.headline for a in issue.articles() if a.headline]
        assert [text.index(h) for h in heads] == sorted(text.index(h) for h in heads)


def test_markdown_shape():
    article = Article(id="a", kicker="引题", headline="主题", subtitle="副题",
                      bylines=("记者 张三",), dateline="本报讯",
                      blocks=(Block(Role.PARAGRAPH, "第一段。"), Block(Role.SUBHEAD, "小标题"),
                              Block(Role.PARAGRAPH, "*第二段*"),
                              Block(Role.CAPTION, "图说", credit="李四 摄")))
    issue = Issue(source="x.txt", title="周口日报", date="2024-01-15",
                  pages=(Page(1, edition="3", articles=(article,)),))
    md = issues_to_markdown([issue])
    assert md.startswith("# 周口日报 · 2024-01-15\n")
    assert "## 第3版" in md and "### 主题" in md and "#### 小标题" in md
    assert "*引题*" in md and "**副题**" in md and "记者 张三" in md
    assert "**本报讯** 第一段。" in md and "\\*第二段\\*" in md and "> 图说 李四 摄" in md
    text = issues_to_text([issue])
    assert "引题\n主题\n副题\n\n记者 张三\n\n本报讯 第一段。" in text


def test_md_escape():
    assert md_escape("# 不是标题") == "\\# 不是标题"
    assert md_escape("1. 不是列表") == "\\1. 不是列表"
    assert md_escape("a_b[c]") == "a\\_b\\[c\\]"
