"""Older structure JSON for migration tests: a version-2 dict as version 1 would hold it.

Takes a structure dict (as ``issue_to_dict`` writes it); returns a deep copy without the
version-2 keys (line geometry, head blocks) and with ``schema_version`` 1.
"""

from __future__ import annotations

import copy


def as_version_1(data: dict) -> dict:
    """``data`` as a schema_version 1 file: no line geometry, version 1."""
    data = copy.deepcopy(data)
    data["schema_version"] = 1
    for page in data["pages"]:
        for article in page["articles"]:
            article.pop("head_blocks", None)
            for block in article["blocks"]:
                block.pop("lines", None)
        for block in page["blocks"] + page["furniture"]:
            block.pop("lines", None)
    return data
