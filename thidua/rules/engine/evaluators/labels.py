"""The Vietnamese words the evaluators' reasons use for ratings, discipline forms, leave, scopes and titles."""

from __future__ import annotations

from ..titles import REASON_LABELS

RATING_LABEL = {
    "excellent": "hoàn thành xuất sắc nhiệm vụ",
    "good": "hoàn thành tốt nhiệm vụ",
    "completed": "hoàn thành nhiệm vụ",
    "not_completed": "không hoàn thành nhiệm vụ",
}
FORM_LABEL = {
    "reprimand": "khiển trách",
    "warning": "cảnh cáo",
    "salary_downgrade": "hạ bậc lương",
    "demotion": "giáng chức",
    "removal": "cách chức",
    "dismissal": "buộc thôi việc",
}
LEAVE_LABEL = {
    "maternity": "nghỉ thai sản",
    "training": "đi học, bồi dưỡng ngắn hạn",
    "sick": "nghỉ ốm",
    "other": "nghỉ khác",
}
SCOPE_LABEL = {"unit": "cấp cơ sở", "province": "cấp tỉnh", "national": "cấp toàn quốc"}
TITLE_LABEL = REASON_LABELS  # how reasons name each title: the titles table (``engine.titles``)
HARDSHIP_AREA = "vùng có điều kiện kinh tế – xã hội đặc biệt khó khăn"
AWAY_LABEL = {"sent_to_study": "được cử đi học", "military_service": "thực hiện nghĩa vụ quân sự"}


def title_label(code: str) -> str:
    return TITLE_LABEL.get(code, code)
