"""The Vietnamese name of every audit action (the ``verb`` written by ``audit.record``).

The log's filter offers these names; a verb missing here is shown as written (a test lists the verbs).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

VERB_LABELS = {
    "account.locked": _("Khóa tài khoản"),
    "api_token.issued": _("Cấp khóa truy cập API"),
    "api_token.revoked": _("Thu hồi khóa truy cập API"),
    "award.revoked": _("Thu hồi khen thưởng"),
    "award_kind.new_version": _("Ban hành phiên bản mới của danh hiệu, hình thức"),
    "award_kind.updated": _("Sửa danh hiệu, hình thức"),
    "decision.amended": _("Sửa đổi quyết định"),
    "decision.awards_imported": _("Nhập khen thưởng từ Excel"),
    "decision.created": _("Ghi quyết định khen thưởng"),
    "decision.revoked": _("Hủy quyết định"),
    "discipline.added": _("Ghi kỷ luật"),
    "discipline.deleted": _("Xóa kỷ luật"),
    "eligibility.ballot_recorded": _("Ghi kết quả bỏ phiếu"),
    "eligibility.ballot_withdrawn": _("Rút kết quả bỏ phiếu"),
    "eligibility.confirmation_withdrawn": _("Rút xác nhận tiêu chí"),
    "eligibility.confirmed": _("Xác nhận tiêu chí"),
    "employment.added": _("Thêm quá trình công tác"),
    "employment.continued": _("Chuyển công tác"),
    "employment.updated": _("Sửa quá trình công tác"),
    "import.commit_requested": _("Yêu cầu ghi dữ liệu nhập"),
    "import.committed": _("Ghi dữ liệu nhập"),
    "import.created": _("Tải tệp Excel lên"),
    "initiative.recorded": _("Ghi sáng kiến"),
    "leave.added": _("Ghi nghỉ dài ngày"),
    "leave.deleted": _("Xóa nghỉ dài ngày"),
    "person.created": _("Thêm cán bộ, giáo viên"),
    "person.updated": _("Sửa hồ sơ cán bộ, giáo viên"),
    "rating.deleted": _("Xóa xếp loại"),
    "rating.set": _("Ghi xếp loại"),
    "role.assigned": _("Giao vai trò"),
    "role.revoked": _("Thu hồi vai trò"),
    "school_year.created": _("Thêm năm học"),
    "school_year.set_current": _("Đặt năm học hiện tại"),
    "totp.enabled": _("Bật xác thực hai bước"),
    "unit.closed": _("Giải thể đơn vị"),
    "unit.created": _("Thêm đơn vị"),
    "unit.merged": _("Sáp nhập đơn vị"),
    "unit.moved": _("Chuyển đơn vị quản lý"),
    "unit.split": _("Chia tách đơn vị"),
    "unit.updated": _("Sửa thông tin đơn vị"),
}


def verb_label(verb: str) -> str:
    if verb in VERB_LABELS:
        return str(VERB_LABELS[verb])
    if verb.startswith("admin."):
        return str(_("Quản trị: %(verb)s")) % {"verb": verb.removeprefix("admin.")}
    return verb


def verb_choices() -> list[tuple[str, str]]:
    return sorted(((v, str(label)) for v, label in VERB_LABELS.items()), key=lambda item: item[1])
