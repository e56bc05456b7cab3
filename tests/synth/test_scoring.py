"""Tests of the shared scorer: it must count hits and misses, not just pass."""

from dataclasses import replace

from layout.model import Article, Block, Page, Role
from tests.synth.scoring import (
    TruthArticle,
    TruthCaption,
    TruthPage,
    score_page,
    truth_from_dict,
    truth_to_dict,
)

TRUTH = TruthPage(
    articles=[
        TruthArticle(
            headline="示范区：入户大走访 情暖千万家",
            subtitle="——示范区探索",
            bylines=["姬慧洋"],
            blocks=[("paragraph", "连日来，示范区开展活动。"), ("subhead", "拓宽思路"),
                    ("paragraph", "第二段文字。")],
            captions=[TruthCaption("群众领取蔬菜。", "记者 姬慧洋 摄")],
        ),
        TruthArticle(headline="第二篇", blocks=[("paragraph", "另一篇文章的正文内容很长。")]),
    ],
    furniture=["责任编辑：王五"],
)


def _page(first_paragraph: str, headline: str = "示范区：入户大走访情暖千万家") -> Page:
    a1 = Article(
        id="p1-a1", headline=headline, subtitle="示范区探索", bylines=("记者 姬慧洋",),
        blocks=(
            Block(Role.PARAGRAPH, first_paragraph),
            Block(Role.SUBHEAD, "拓宽思路"),
            Block(Role.PARAGRAPH, "第二段文字。"),
            Block(Role.CAPTION, "群众领取蔬菜。", credit="记者 姬慧洋 摄"),
        ),
    )
    a2 = Article(id="p1-a2", headline="第二篇",
                 blocks=(Block(Role.PARAGRAPH, "另一篇文章的正文内容很长。"),))
    return Page(number=1, articles=(a1, a2))


def test_perfect_page_scores_full():
    s = score_page(TRUTH, _page("连日来， 示范区开展活动。"))
    assert s.ratio("articles") == 1.0
    assert s.ratio("headlines") == 1.0
    assert s.ratio("subtitles") == 1.0
    assert s.ratio("paragraphs") == 1.0
    assert s.ratio("captions") == 1.0
    assert s.bylines_exact == 1
    assert s.furniture_leaks == 0 and s.doubled_or_junk == 0


def test_misses_are_counted():
    s = score_page(TRUTH, _page("连日来，示范区开展活动。责任编辑：王五", headline="示范区"))
    assert s.headlines_exact == 1  # only the second article's
    assert s.articles_found == 2  # matched by text overlap
    assert s.paragraphs_exact == 2 and s.paragraphs_total == 3
    assert s.furniture_leaks == 1


def test_junk_is_counted():
    s = score_page(TRUTH, _page("民民兵兵为为民民连日来，示范区开展活动。\ufffd"))
    assert s.doubled_or_junk == 1


def test_presentation_forms_left_are_counted_in_every_field():
    assert score_page(TRUTH, _page("连日来，示范区开展活动。")).presentation_forms == 0
    page = _page("连日来\ufe10示范区开展活动\ufe12", headline="示范区\ufe13入户大走访")
    page = replace(page, blocks=(Block(Role.CAPTION, "图\ufe35一\ufe36"),))
    s = score_page(TRUTH, page)
    assert s.presentation_forms == 5
    assert "presentation forms left: 5" in s.failures


def test_truth_round_trips_through_dict():
    assert truth_from_dict(truth_to_dict(TRUTH)) == TRUTH


def test_continuations_are_counted_whitespace_free():
    truth = TruthPage(articles=[TruthArticle(
        headline="第二篇", blocks=[("paragraph", "正文。")],
        continuations=["（上接第1版）", "转第3版▲"])])
    article = Article(id="a", headline="第二篇", blocks=(Block(Role.PARAGRAPH, "正文。"),),
                      continuations=("（上接第 1版）",))
    s = score_page(truth, Page(number=1, articles=(article,)))
    assert (s.continuations_exact, s.continuations_total) == (1, 2)
    assert s.ratio("continuations") == 0.5 and s.ratio("paragraphs") == 1.0
    assert truth_from_dict(truth_to_dict(truth)) == truth


def test_groups_of_outlined_headlines_are_counted_apart():
    """An outlined headline (truth headline "") counts in ``groups`` but not in ``shown``:
    a dump holds none of it, so ``shown`` says how the groups that can come out fare."""
    outlined = TruthArticle(headline="", kicker="人民时评", shown_headline="扎实推进",
                            blocks=[("paragraph", "另一篇文章的正文内容很长。")])
    truth = replace(TRUTH, articles=[TRUTH.articles[0], outlined])
    s = score_page(truth, _page("连日来，示范区开展活动。"))
    assert s.articles_total == 2 and s.shown_total == 1
    assert s.groups_exact == 1 and s.shown_exact == 1  # the outlined group: got 第二篇
    assert s.ratio("groups") == 0.5 and s.ratio("shown") == 1.0
