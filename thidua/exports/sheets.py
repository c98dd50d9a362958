"""The exported sheets: one function per list, fed by the same scoped selectors as the pages."""

from __future__ import annotations

import re

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.audit.selectors import actor_name
from thidua.audit.verbs import verb_label

from .xlsx import BOLD, BOX, CENTER, WRAP, Column, XlsxBook, table_response

CHUNK = 2000


def _d(day) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def people_xlsx(people) -> HttpResponse:
    columns = [
        Column(_("STT"), 6),
        Column(_("Họ và tên"), 28),
        Column(_("Ngày sinh"), 12),
        Column(_("Giới tính"), 9),
        Column(_("Đơn vị hiện tại"), 36),
        Column(_("Chức vụ"), 22),
    ]
    rows = (
        (i, p.full_name, _d(p.date_of_birth), p.get_gender_display(), p.current_unit.name if p.current_unit else "", p.current_position)
        for i, p in enumerate(people.iterator(chunk_size=CHUNK), start=1)
    )
    return table_response("can-bo.xlsx", _("Cán bộ, giáo viên"), columns, rows, title=_("DANH SÁCH CÁN BỘ, GIÁO VIÊN"))


def audit_xlsx(events) -> HttpResponse:
    columns = [
        Column(_("Thời điểm"), 18),
        Column(_("Người thực hiện"), 20),
        Column(_("Hành động"), 22),
        Column(_("Đối tượng"), 40),
        Column(_("Đơn vị"), 32),
        Column(_("Mã yêu cầu"), 20),
    ]
    rows = (
        (timezone.localtime(e.at), actor_name(e), verb_label(e.verb), e.target_repr, e.unit.name if e.unit else "", e.request_id)
        for e in events.select_related("unit", "actor__person").iterator(chunk_size=CHUNK)
    )
    return table_response("nhat-ky.xlsx", _("Nhật ký thay đổi"), columns, rows, title=_("NHẬT KÝ THAY ĐỔI"))


def decisions_xlsx(decisions) -> HttpResponse:
    columns = [
        Column(_("Số quyết định"), 16),
        Column(_("Ngày"), 12),
        Column(_("Đơn vị ban hành"), 34),
        Column(_("Người ký"), 22),
        Column(_("Loại hình"), 24),
        Column(_("Năm học"), 11),
        Column(_("Trích yếu"), 40),
        Column(_("Số khen thưởng"), 10),
        Column(_("Trạng thái"), 14),
    ]
    rows = (
        (
            d.number,
            _d(d.decision_date),
            d.issuer.name,
            d.signer_name,
            d.get_award_type_display(),
            d.school_year.code if d.school_year else "",
            d.title,
            d.award_count,
            d.get_status_display(),
        )
        for d in decisions.iterator(chunk_size=CHUNK)
    )
    return table_response("quyet-dinh.xlsx", _("Quyết định"), columns, rows, title=_("DANH SÁCH QUYẾT ĐỊNH KHEN THƯỞNG"))


def awards_xlsx(awards) -> HttpResponse:
    columns = [
        Column(_("STT"), 6),
        Column(_("Người, tập thể được khen"), 30),
        Column(_("Đơn vị"), 30),
        Column(_("Danh hiệu, hình thức"), 30),
        Column(_("Năm học"), 11),
        Column(_("Số quyết định"), 16),
        Column(_("Ngày quyết định"), 12),
        Column(_("Đơn vị ban hành"), 30),
        Column(_("Tiền thưởng (đồng)"), 14),
    ]
    rows = (
        (
            i,
            a.person.full_name if a.person else a.unit.name,
            a.recipient_unit.name if a.recipient_unit else "",
            a.kind.name,
            a.school_year.code if a.school_year else "",
            a.decision.number,
            _d(a.decision.decision_date),
            a.decision.issuer.name,
            a.cash_amount,
        )
        for i, a in enumerate(awards.iterator(chunk_size=CHUNK), start=1)
    )
    return table_response("khen-thuong.xlsx", _("Khen thưởng"), columns, rows, title=_("TRA CỨU KHEN THƯỞNG"))


def catalogue_xlsx(kinds) -> HttpResponse:
    columns = [
        Column(_("Chế độ"), 30),
        Column(_("Mã"), 14),
        Column(_("Tên"), 36),
        Column(_("Viết tắt"), 12),
        Column(_("Đối tượng"), 10),
        Column(_("Loại"), 22),
        Column(_("Cấp"), 16),
        Column(_("Thẩm quyền"), 40),
        Column(_("Căn cứ"), 36),
        Column(_("Hệ số"), 8),
        Column(_("Căn cứ tiền thưởng"), 24),
        Column(_("Xác nhận"), 8),
        Column(_("Ghi chú"), 36),
    ]
    rows = (
        (
            k.regime.name,
            k.code,
            k.name,
            k.abbreviation,
            k.get_subject_display(),
            k.get_category_display(),
            k.get_level_display(),
            k.authority,
            k.citation,
            k.coefficient,
            k.coefficient_citation,
            k.get_status_display(),
            k.status_note,
        )
        for k in kinds
    )
    return table_response("danh-muc-khen-thuong.xlsx", _("Danh mục"), columns, rows, title=_("DANH MỤC DANH HIỆU, HÌNH THỨC KHEN THƯỞNG"))


def _cell_text(cell: dict) -> str:
    if not cell.get("in_unit", True):
        return "—"
    parts = []
    if cell["awards"]:
        parts.append(", ".join(cell["awards"]))
    if cell["initiatives"]:
        parts.append(_("SK: %(titles)s") % {"titles": "; ".join(cell["initiatives"])})
    return "\n".join(parts)


def ledger_book_xlsx(book) -> HttpResponse:
    """The book as schools keep it on paper: one row per person, per school year a rating column and a
    titles column; collective titles of the unit at the foot."""
    columns = [Column(_("STT"), 6), Column(_("Họ và tên"), 26), Column(_("Chức vụ"), 16)]
    for _y in book.years:
        columns += [Column(_("Xếp loại"), 16), Column(_("Danh hiệu, khen thưởng, sáng kiến"), 24)]
    xbook = XlsxBook(streaming=False)
    sheet = xbook.sheet(_("Sổ theo dõi"), columns)
    period = f"{book.years[0].code} – {book.years[-1].code}" if book.years else ""
    sheet.title(_("SỔ THEO DÕI THI ĐUA, KHEN THƯỞNG"))
    sheet.row([book.unit.name], font=BOLD)
    sheet.merge(row=sheet.next_row - 1, start_column=1, end_column=len(columns))
    sheet.row([_("Giai đoạn %(period)s") % {"period": period}])
    sheet.merge(row=sheet.next_row - 1, start_column=1, end_column=len(columns))
    first = sheet.next_row
    sheet.row(
        [_("STT"), _("Họ và tên"), _("Chức vụ"), *[v for y in book.years for v in (_("Năm học %(code)s") % {"code": y.code}, "")]],
        font=BOLD,
        alignment=CENTER,
        border=BOX,
    )
    sheet.row(
        ["", "", "", *[v for _y in book.years for v in (_("Xếp loại"), _("Danh hiệu, khen thưởng, sáng kiến"))]],
        font=BOLD,
        alignment=CENTER,
        border=BOX,
    )
    for col in (1, 2, 3):
        sheet.merge(row=first, end_row=first + 1, start_column=col, end_column=col)
    for i in range(len(book.years)):
        sheet.merge(row=first, start_column=4 + 2 * i, end_column=5 + 2 * i)
    for n, row in enumerate(book.rows, start=1):
        values = [n, row.full_name, row.position]
        for y in book.years:
            cell = row.by_year[y.code]
            values += [cell["rating"] or ("" if cell.get("in_unit", True) else "—"), _cell_text(cell)]
        sheet.row(values, alignment=WRAP, border=BOX)
    sheet.row([])
    sheet.row(
        ["", _("Tập thể"), "", *[v for y in book.years for v in ("", ", ".join(book.collective.get(y.code, [])))]],
        font=BOLD,
        alignment=WRAP,
        border=BOX,
    )
    sheet.ws.freeze_panes = sheet.ws.cell(row=first + 2, column=4)
    safe_code = re.sub(r"[^A-Za-z0-9_-]", "", book.unit.code) or "don-vi"
    return xbook.response(f"so-theo-doi-{safe_code}.xlsx")


def scoring_round_xlsx(scoring_round, criteria, matrix, tier_labels) -> HttpResponse:
    """A round's results as the round page shows them to the actor: rank, total, band and each criterion's
    points on every layer (one column per criterion and layer, in the round's layer order)."""
    columns = [Column(_("Hạng"), 7), Column(_("Đơn vị"), 34), Column(_("Trạng thái"), 16), Column(_("Tổng điểm"), 10)]
    columns.append(Column(_("Xếp loại"), 12))
    columns += [Column(f"{c.code} – {label}", 14) for c in criteria for label in tier_labels]
    rows = (
        (
            row["rank"],
            row["submission"].unit_name,
            row["submission"].get_status_display(),
            row["total"],
            row["band"] or "",
            *(value for cell in row["cells"] for _label, value in cell["values"]),
        )
        for row in matrix
    )
    title = _("KẾT QUẢ CHẤM ĐIỂM THI ĐUA %(cluster)s NĂM HỌC %(year)s") % {
        "cluster": scoring_round.cluster.name.upper(),
        "year": scoring_round.school_year.code,
    }
    return table_response(f"cham-diem-{scoring_round.school_year.code}.xlsx", _("Kết quả chấm điểm"), columns, rows, title=title)
