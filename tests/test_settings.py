"""Settings: bounds are validated with units; overrides name their field."""

import pytest

from layout.errors import UsageError
from layout.settings import DEFAULT_SETTINGS, PdfSettings, RenderSettings, Settings


def test_defaults_are_valid():
    assert Settings() == DEFAULT_SETTINGS


def test_out_of_range_value_names_field_and_unit():
    with pytest.raises(UsageError, match=r"RenderSettings.margin_mm = -1 mm"):
        RenderSettings(margin_mm=-1)
    with pytest.raises(UsageError, match="dedupe_along"):
        PdfSettings(dedupe_along=5)


def test_with_overrides():
    s = DEFAULT_SETTINGS.with_overrides(render={"margin_mm": 12})
    assert s.render.margin_mm == 12 and DEFAULT_SETTINGS.render.margin_mm != 12
    with pytest.raises(UsageError, match="no setting render.nope"):
        DEFAULT_SETTINGS.with_overrides(render={"nope": 1})


def test_every_tunable_declares_a_unit():
    from dataclasses import fields
    for section in fields(Settings):
        for f in fields(getattr(DEFAULT_SETTINGS, section.name)):
            assert f.metadata.get("unit"), f"{section.name}.{f.name} has no unit"


def test_limits_are_validated_and_overridable():
    from layout.settings import LimitsSettings

    assert DEFAULT_SETTINGS.limits.max_pages == 2000
    assert DEFAULT_SETTINGS.limits.page_seconds == 60.0
    assert DEFAULT_SETTINGS.pdf.figure_dpi <= 200
    with pytest.raises(UsageError, match=r"LimitsSettings.max_pages = 0 count"):
        LimitsSettings(max_pages=0)
    with pytest.raises(UsageError, match="max_figure_pixels"):
        DEFAULT_SETTINGS.with_overrides(limits={"max_figure_pixels": 10**12})
    assert DEFAULT_SETTINGS.with_overrides(limits={"max_pages": 3}).limits.max_pages == 3
