"""How sure a rule's reading of the law is, in words a reader understands.

The engine marks each rule with DOMAIN's tags (✅ confirmed, ⚠️ partly confirmed, ❓ open). The symbols mean nothing
to an officer and the first one has no glyph in the document fonts, so pages show nothing for a confirmed rule and a
short note with an explanation for the two others: ``{{ outcome.tag_symbol|certainty }}`` (a tag key works too).
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()

_KEYS = {"✅": "confirmed", "⚠️": "partial", "⚠": "partial", "❓": "unconfirmed"}


def _notes() -> dict[str, tuple[str, str]]:
    return {
        "partial": (
            _("cần đối chiếu thêm"),
            _("Cách áp dụng quy định này mới đối chiếu được một phần với văn bản; cán bộ nên kiểm tra lại trước khi trình."),
        ),
        "unconfirmed": (
            _("văn bản chưa quy định rõ"),
            _("Văn bản chưa quy định rõ điểm này; hệ thống áp dụng cách hiểu ghi trong tài liệu quy tắc, cán bộ cần kiểm tra."),
        ),
    }


@register.filter
def certainty(tag) -> str:
    """ "" for a confirmed rule (or no tag); "(cần đối chiếu thêm)" / "(văn bản chưa quy định rõ)" with a title."""
    key = _KEYS.get(str(tag or "").strip(), str(tag or "").strip())
    note = _notes().get(key)
    if note is None:
        return ""
    return format_html('<span class="certainty" title="{}">({})</span>', note[1], note[0])
