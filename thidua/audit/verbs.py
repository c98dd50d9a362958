"""What each audit verb means, in the words of the audit log page (the stored verb stays a stable code)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

VERBS: dict[str, str] = {
    "account.locked": _("Khoá tài khoản"),
    "api_token.issued": _("Cấp mã truy cập API"),
    "api_token.revoked": _("Thu hồi mã truy cập API"),
    "award.revoked": _("Thu hồi khen thưởng"),
    "award_kind.new_version": _("Ban hành phiên bản mới của danh hiệu"),
    "award_kind.updated": _("Sửa danh hiệu, hình thức khen thưởng"),
    "deadline.changed": _("Đổi hạn"),
    "deadline.closed": _("Đóng hạn"),
    "deadline.opened": _("Mở hạn"),
    "cluster.created": _("Thành lập cụm, khối thi đua"),
    "cluster.leader_set": _("Chỉ định cụm trưởng, cụm phó"),
    "cluster.members_set": _("Xác nhận thành viên cụm, khối"),
    "covenant.created": _("Ghi giao ước thi đua"),
    "decision.amended": _("Sửa quyết định khen thưởng"),
    "decision.awards_imported": _("Nhập khen thưởng vào quyết định"),
    "decision.created": _("Ban hành quyết định khen thưởng"),
    "decision.revoked": _("Thu hồi quyết định khen thưởng"),
    "discipline.added": _("Ghi kỷ luật"),
    "discipline.deleted": _("Xoá kỷ luật"),
    "eligibility.ballot_recorded": _("Ghi kết quả bỏ phiếu"),
    "eligibility.ballot_withdrawn": _("Huỷ kết quả bỏ phiếu"),
    "eligibility.confirmation_withdrawn": _("Bỏ xác nhận tiêu chí"),
    "eligibility.confirmed": _("Xác nhận tiêu chí"),
    "employment.added": _("Thêm quá trình công tác"),
    "employment.continued": _("Chuyển công tác theo sắp xếp đơn vị"),
    "employment.updated": _("Sửa quá trình công tác"),
    "holiday.confirmed": _("Xác nhận ngày nghỉ lễ"),
    "holiday.deleted": _("Xoá ngày nghỉ lễ khỏi lịch"),
    "holiday.set": _("Ghi ngày nghỉ lễ"),
    "import.commit_requested": _("Yêu cầu ghi dữ liệu nhập"),
    "import.committed": _("Ghi dữ liệu nhập"),
    "import.created": _("Tải lên tệp nhập dữ liệu"),
    "initiative.recorded": _("Ghi sáng kiến"),
    "leave.added": _("Ghi thời gian nghỉ"),
    "leave.deleted": _("Xoá thời gian nghỉ"),
    "notification_preference.set": _("Đổi lựa chọn nhận thông báo qua thư điện tử"),
    "movement.cancelled": _("Hủy phong trào thi đua"),
    "movement.closed": _("Kết thúc phong trào thi đua"),
    "movement.created": _("Soạn phong trào thi đua"),
    "movement.launched": _("Phát động phong trào thi đua"),
    "movement.report_submitted": _("Gửi báo cáo sơ kết, tổng kết phong trào"),
    "movement.responses_opened": _("Mở hưởng ứng phong trào cho các đơn vị"),
    "movement.review_started": _("Bắt đầu tổng kết phong trào thi đua"),
    "movement.updated": _("Sửa dự thảo phong trào thi đua"),
    "registration.approved": _("Duyệt đăng ký thi đua"),
    "registration.changed": _("Sửa đăng ký thi đua"),
    "registration.created": _("Đăng ký thi đua"),
    "registration.returned": _("Trả lại đăng ký thi đua"),
    "registration.submitted": _("Gửi đăng ký thi đua"),
    "registration.withdrawn": _("Rút đăng ký thi đua"),
    "commitment_option.created": _("Thêm cam kết vào danh sách của đơn vị"),
    "movement_response.acknowledged": _("Ghi nhận kế hoạch hưởng ứng phong trào"),
    "movement_response.returned": _("Trả lại kế hoạch hưởng ứng phong trào"),
    "movement_response.submitted": _("Gửi kế hoạch hưởng ứng phong trào"),
    "person.created": _("Thêm cán bộ"),
    "person.updated": _("Sửa hồ sơ cán bộ"),
    "rating.deleted": _("Xoá kết quả đánh giá"),
    "rating.set": _("Ghi kết quả đánh giá"),
    "role.assigned": _("Phân quyền"),
    "role.revoked": _("Thu hồi quyền"),
    "scoring.answered": _("Nộp lại bảng chấm điểm sau khi chấm lại"),
    "scoring.approved": _("Duyệt bảng chấm điểm"),
    "scoring.corrected": _("Đính chính kết quả chấm điểm"),
    "scoring.evidence_added": _("Nộp minh chứng chấm điểm"),
    "scoring.peers_assigned": _("Phân công chấm chéo"),
    "scoring.published": _("Công bố kết quả chấm điểm"),
    "scoring.returned": _("Trả lại bảng chấm điểm"),
    "scoring.review_started": _("Bắt đầu thẩm định bảng chấm điểm"),
    "scoring.round_closed": _("Kết thúc đợt chấm điểm"),
    "scoring.round_opened": _("Mở đợt chấm điểm"),
    "scoring.scored": _("Chấm điểm"),
    "scoring.sheet_changed": _("Sửa bảng tiêu chí chấm điểm"),
    "scoring.sheet_created": _("Tạo bảng tiêu chí chấm điểm"),
    "scoring.sheet_published": _("Ban hành bảng tiêu chí chấm điểm"),
    "scoring.submitted": _("Nộp bảng tự chấm điểm"),
    "school_year.created": _("Thêm năm học"),
    "school_year.set_current": _("Đặt năm học hiện tại"),
    "totp.enabled": _("Bật xác thực hai bước"),
    "unit.closed": _("Giải thể đơn vị"),
    "unit.created": _("Thêm đơn vị"),
    "unit.merged": _("Hợp nhất đơn vị"),
    "unit.moved": _("Chuyển đơn vị trực thuộc"),
    "unit.split": _("Chia tách đơn vị"),
    "unit.updated": _("Sửa thông tin đơn vị"),
}


def verb_label(verb: str) -> str:
    """The Vietnamese name of ``verb``: Django admin changes by their action, an unknown verb (a newer code)
    a generic label."""
    if verb in VERBS:
        return str(VERBS[verb])
    if verb.startswith("admin."):
        return str(_("Quản trị: %(verb)s")) % {"verb": verb.removeprefix("admin.")}
    return str(_("Thay đổi khác"))


def verb_choices() -> list[tuple[str, str]]:
    """(verb, label) sorted by label, for a filter's select."""
    return sorted(((v, str(label)) for v, label in VERBS.items()), key=lambda c: c[1])
