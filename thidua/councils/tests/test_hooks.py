"""The council app stays reusable: it imports no nominations code, and tells other apps of a tally through hooks."""

from __future__ import annotations

import ast
from pathlib import Path

import thidua.councils
from thidua.councils import hooks

SOURCES = [p for p in Path(thidua.councils.__file__).parent.rglob("*.py") if "tests" not in p.parts]


def test_councils_import_nothing_of_nominations():
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text())):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            assert not any("nominations" in n for n in names), path


def test_a_hook_is_registered_once_and_called_with_the_tally(monkeypatch):
    monkeypatch.setattr(hooks, "_TALLIED", [])  # the apps' own hooks stay out of this one
    seen = []

    def hook(*, actor, item, tally):
        seen.append((actor, item, tally))

    hooks.on_tallied(hook)
    hooks.on_tallied(hook)
    hooks.tallied(actor="a", item="i", tally="t")
    assert seen == [("a", "i", "t")]
