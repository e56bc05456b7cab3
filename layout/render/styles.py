"""Named text styles for every role, in two built-in themes.

Takes a theme name (``"print"`` or ``"screen"``, :data:`layout.render.options.THEMES`);
returns a :class:`Theme` mapping each role name (kicker, headline, subtitle, byline, dateline,
subhead, paragraph, caption, credit, continuation (转第N版), and the page furniture
header/footer/toc) to a :class:`TextStyle`. Sizes are in points; ``leading`` is a multiple
of the size; ``face`` names a role of :class:`layout.render.fonts.FontSet` (body, body_bold,
head, kai).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from layout.errors import UsageError


@dataclass(frozen=True)
class TextStyle:
    """How one role is set: face, size (pt), leading (× size), alignment and spacing (pt)."""

    face: str
    size: float
    leading: float = 1.6
    align: str = "justify"  # justify | left | center | right
    indent_em: float = 0.0
    space_before: float = 0.0
    space_after: float = 0.0
    max_lines: int = 0  # headlines: balance into at most this many lines (0 = no limit)

    @property
    def line_height(self) -> float:
        return self.size * self.leading


@dataclass(frozen=True)
class Theme:
    """One complete style sheet."""

    name: str
    styles: dict[str, TextStyle]
    figure_max_height: float = 0.45  # of the frame height
    header_rule: float = 0.5  # pt
    article_rule: float = 0.4  # pt, above a two-column spread that has no headline group

    def __getitem__(self, role: str) -> TextStyle:
        return self.styles[role]

    @property
    def body(self) -> TextStyle:
        return self.styles["paragraph"]


# Named sizes (pt): Chinese type sizes 小五 9, 五号 10.5, 小四 12, 四号 14, 三号 16, 二号 22.
SIZE_XIAO_WU = 9.0
SIZE_WU = 10.5
SIZE_XIAO_SI = 12.0
SIZE_SI = 14.0
SIZE_SAN = 16.0
SIZE_ER = 22.0

PRINT = Theme("print", {
    "kicker": TextStyle("body_bold", SIZE_XIAO_SI, 1.4, "center", space_before=6),
    "headline": TextStyle("head", SIZE_ER, 1.3, "center", space_before=4, space_after=4,
                          max_lines=3),
    "subtitle": TextStyle("body_bold", SIZE_XIAO_SI, 1.4, "center", space_after=4),
    "byline": TextStyle("kai", SIZE_XIAO_WU + 0.5, 1.5, "center", space_after=2),
    "dateline": TextStyle("body_bold", SIZE_WU, 1.5, "left", space_after=2),
    "subhead": TextStyle("body_bold", SIZE_WU + 1, 1.6, "left", space_before=6, space_after=2),
    "paragraph": TextStyle("body", SIZE_WU, 1.7, "justify", indent_em=2.0),
    "caption": TextStyle("kai", SIZE_XIAO_WU, 1.5, "justify", space_before=3),
    "credit": TextStyle("kai", SIZE_XIAO_WU - 1, 1.5, "right", space_after=6),
    "continuation": TextStyle("kai", SIZE_XIAO_WU, 1.5, "right", space_before=2),
    "header": TextStyle("body", 8.0, 1.2, "left"),
    "footer": TextStyle("body", 8.0, 1.2, "center"),
    "toc_title": TextStyle("head", SIZE_SAN, 1.5, "center", space_after=8),
    "toc_entry": TextStyle("body", SIZE_WU - 0.5, 1.6, "left"),
    "toc_page": TextStyle("body_bold", SIZE_WU + 1.5, 1.6, "left", space_before=6),
})

SCREEN = Theme("screen", {
    **{role: replace(style) for role, style in PRINT.styles.items()},
    "kicker": TextStyle("head", 11.0, 1.4, "left", space_before=8),
    "headline": TextStyle("head", 17.0, 1.3, "left", space_before=2, space_after=4, max_lines=3),
    "subtitle": TextStyle("head", 11.0, 1.4, "left", space_after=4),
    "byline": TextStyle("kai", 10.0, 1.5, "left", space_after=4),
    "dateline": TextStyle("body_bold", 11.5, 1.5, "left", space_after=2),
    "subhead": TextStyle("head", 12.0, 1.5, "left", space_before=8, space_after=2),
    "paragraph": TextStyle("body", 11.5, 1.75, "justify", indent_em=2.0, space_after=2),
    "caption": TextStyle("kai", 10.0, 1.5, "justify", space_before=3),
    "credit": TextStyle("kai", 9.0, 1.5, "right", space_after=8),
}, figure_max_height=0.4)

THEMES_BY_NAME = {theme.name: theme for theme in (PRINT, SCREEN)}


def theme_for(name: str) -> Theme:
    """The built-in theme called ``name``; UsageError for an unknown one."""
    try:
        return THEMES_BY_NAME[name]
    except KeyError:
        raise UsageError(f"theme {name!r}: use one of {', '.join(THEMES_BY_NAME)}") from None
