"""Both themes define every role; unknown themes are a usage error."""

from __future__ import annotations

import pytest

from layout.errors import UsageError
from layout.render.options import THEMES
from layout.render.styles import theme_for

ROLES = ("kicker", "headline", "subtitle", "byline", "dateline", "subhead", "paragraph",
         "caption", "credit", "header", "footer", "toc_title", "toc_entry", "toc_page")


@pytest.mark.parametrize("name", THEMES)
def test_every_role_has_a_style(name):
    theme = theme_for(name)
    for role in ROLES:
        style = theme[role]
        assert style.size > 0 and style.line_height > style.size
        assert style.face in ("body", "body_bold", "head", "kai")
    assert theme["headline"].size > theme.body.size  # rule 7
    assert theme.body.indent_em == 2.0 and theme.body.align == "justify"  # rules 3, 4


def test_screen_theme_is_set_larger():
    assert theme_for("screen").body.size > theme_for("print").body.size


def test_unknown_theme():
    with pytest.raises(UsageError):
        theme_for("poster")
