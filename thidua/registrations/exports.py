"""The registration list as an Excel sheet (the unit list's filter, every page)."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpResponse
from django.utils.translation import gettext as _

from thidua.awards.models import Category
from thidua.exports.xlsx import Column, table_response


def registrations_xlsx(rows: Iterable, *, unit) -> HttpResponse:
    columns = [
        Column(_("STT"), 6),
        Column(_("Họ và tên, tập thể"), 30),
        Column(_("Chức vụ"), 20),
        Column(_("Đơn vị"), 30),
        Column(_("Danh hiệu thi đua"), 30),
        Column(_("Hình thức khen thưởng"), 30),
        Column(_("Cam kết"), 50),
        Column(_("Trạng thái"), 14),
        Column(_("Ghi chú"), 24),
    ]

    def values():
        for i, r in enumerate(rows, start=1):
            targets = list(r.targets.all())
            titles = "; ".join(t.kind.name for t in targets if t.kind.category == Category.TITLE)
            forms = "; ".join(t.kind.name for t in targets if t.kind.category != Category.TITLE)
            notes = [str(_("Cán bộ đăng ký thay"))] if r.on_behalf else []
            if r.late:
                notes.append(str(_("Đăng ký muộn")))
            yield (i, r.subject_name, r.position, r.unit_of_record.name, titles, forms, "; ".join(c.text for c in r.commitments.all()),
                   r.get_status_display(), ", ".join(notes))  # fmt: skip

    return table_response("dang-ky-thi-dua.xlsx", _("Đăng ký thi đua"), columns, values(),
                          title=_("DANH SÁCH ĐĂNG KÝ THI ĐUA – %(unit)s") % {"unit": unit.name.upper()})  # fmt: skip
