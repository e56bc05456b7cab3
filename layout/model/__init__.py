"""Document model: geometry, Issue/Page/Article/Block, JSON (de)serialization.

Imports nothing else of this package; every other stage builds or reads these types.
"""

from layout.model.document import (
    SCHEMA_VERSION,
    Article,
    Block,
    FurnitureKind,
    Issue,
    Line,
    OcrRegion,
    Page,
    Role,
)
from layout.model.geometry import BBox
from layout.model.serialize import (
    ModelError,
    issue_from_dict,
    issue_from_json,
    issue_to_dict,
    issue_to_json,
    schema,
    write_issue_json,
)

__all__ = [
    "SCHEMA_VERSION",
    "Article",
    "BBox",
    "Block",
    "FurnitureKind",
    "Issue",
    "Line",
    "ModelError",
    "OcrRegion",
    "Page",
    "Role",
    "issue_from_dict",
    "issue_from_json",
    "issue_to_dict",
    "issue_to_json",
    "write_issue_json",
    "schema",
]
