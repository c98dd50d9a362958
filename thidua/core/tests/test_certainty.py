"""The legal-certainty marks are words with an explanation, never a bare symbol (✅ has no glyph in our fonts)."""

from __future__ import annotations

import pytest
from django.template import Context, Template

from thidua.core.templatetags.certainty import certainty


@pytest.mark.parametrize("tag", ["✅", "confirmed", "", None])
def test_a_confirmed_rule_shows_nothing(tag):
    assert certainty(tag) == ""


@pytest.mark.parametrize(("tag", "words"), [("⚠️", "cần đối chiếu thêm"), ("partial", "cần đối chiếu thêm"),
                                             ("❓", "văn bản chưa quy định rõ"), ("unconfirmed", "văn bản chưa quy định rõ")])  # fmt: skip
def test_an_uncertain_rule_says_so_in_words_with_an_explanation(tag, words):
    html = Template("{% load certainty %}{{ tag|certainty }}").render(Context({"tag": tag}))
    assert f">({words})</span>" in html and 'title="' in html
    assert not {"✅", "⚠", "❓"} & set(html)
