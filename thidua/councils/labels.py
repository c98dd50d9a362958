"""How a ballot option reads on screen."""

from __future__ import annotations

from django.utils.translation import gettext as _

from thidua.rules.engine.evaluators import title_label

from .models import AGREE, DISAGREE, LOWER


def option_label(item, option: str) -> str:
    if option == AGREE:
        return _("Đồng ý đề nghị %(title)s") % {"title": title_label(item.kind_code)}
    if option == DISAGREE:
        return _("Không đồng ý")
    return _("Đồng ý ở danh hiệu thấp hơn: %(title)s") % {"title": title_label(option.removeprefix(LOWER))}
