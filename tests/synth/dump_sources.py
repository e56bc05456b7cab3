"""Every text-dump generator, by composer and style family, and the headline-group score.

Takes nothing; :func:`dump_sources` returns one :class:`DumpSource` per composer ×
style family whose ``make(seed, holdout)`` gives (dump bytes, truth pages): the first
generator (tests/synth/text_dumps.py, composer ``text_dumps``, family ``mixed``), the
second (tests/synth/dumps_alt.py, composer ``alt``, families party / city / feature)
and dumps extracted from composed pages (tests/synth/dumps_from_pages.py) when its
composers are available.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tests.synth import dumps_alt, text_dumps
from tests.synth.scoring import TruthPage

Maker = Callable[[int, bool], tuple[bytes, list[TruthPage]]]


@dataclass(frozen=True)
class DumpSource:
    composer: str
    family: str
    make: Maker

    @property
    def name(self) -> str:
        return f"{self.composer}/{self.family}"


def _first(seed: int, holdout: bool) -> tuple[bytes, list[TruthPage]]:
    return text_dumps.generate_dump(seed + 10_000 * holdout, holdout=holdout)


def _alt(family: str) -> Maker:
    return lambda seed, holdout: dumps_alt.generate(seed, family, holdout)


def dump_sources() -> list[DumpSource]:
    """All dump sources: generators first, then dumps of composed pages."""
    out = [DumpSource("text_dumps", "mixed", _first)]
    out += [DumpSource("alt", family, _alt(family)) for family in dumps_alt.FAMILIES]
    try:
        from tests.synth import dumps_from_pages
    except ImportError:  # the page composers are not there
        return out
    out += [DumpSource(c, f, m) for c, f, m in dumps_from_pages.sources()]
    return out
