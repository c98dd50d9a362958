"""The Content Security Policy is sent everywhere, and no template relies on what it refuses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from thidua.core.csp import POLICY

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I), "inline <script>"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "inline event handler"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"<style", re.I), "inline <style>"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
    (re.compile(r"\shx-on", re.I), "hx-on handler (needs eval)"),
]


def test_the_policy_allows_no_inline_script_nor_eval():
    assert POLICY["script-src"] == "'self'"
    assert "unsafe" not in " ".join(POLICY.values())
    assert POLICY["default-src"] == "'self'"


@pytest.mark.parametrize("path", ["/accounts/login/", "/api/v1/openapi.json", "/nowhere/"])
def test_every_response_carries_the_policy(client, db, path):
    response = client.get(path)

    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


@pytest.mark.parametrize("template", sorted(TEMPLATES.rglob("*.html")), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_templates_have_no_inline_script_or_style(template):
    text = template.read_text()
    found = [what for pattern, what in INLINE if pattern.search(text)]

    assert not found, f"{template.relative_to(TEMPLATES)}: {found} (move it to static/js or static/css)"
