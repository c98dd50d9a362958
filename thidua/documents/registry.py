"""``render(kind, data, fmt)``: one entry point for every document the system generates.

A document module exposes ``docx(data) -> bytes`` and ``pdf(data) -> bytes`` over a plain dict; it is
imported on first use (WeasyPrint is slow to import and most requests never render a paper).
"""

from __future__ import annotations

import importlib

MODULES = {
    "registration_list": "thidua.documents.registration_list",
    "decision": "thidua.documents.decision",
    # The council's papers: one module, the dict's ``paper`` key says which (council_selectors.session_document).
    "ballot_paper": "thidua.documents.council_papers",
    "minutes": "thidua.documents.council_papers",
    "vote_count": "thidua.documents.council_papers",
    "submission": "thidua.documents.submission",
    "nominee_list": "thidua.documents.nominee_list",
    "achievement_report": "thidua.documents.achievement_report",
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def render(kind: str, data: dict, fmt: str) -> bytes:
    if fmt not in CONTENT_TYPES:
        raise ValueError(f"unknown format {fmt!r}")
    module = importlib.import_module(MODULES[kind])
    return getattr(module, fmt)(data)


def load_all() -> None:
    """Import every document module (their DOCX builders register themselves)."""
    for path in MODULES.values():
        importlib.import_module(path)
