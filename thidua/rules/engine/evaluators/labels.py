"""The Vietnamese words the evaluators' reasons use for ratings, discipline forms, leave, scopes and titles."""

from __future__ import annotations

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
TITLE_LABEL = {
    "LDTT": "LĐTT",
    "CSTDCS": "CSTĐCS",
    "CSTD_BO_TINH": "CSTĐ cấp tỉnh",
    "CSTDTQ": "CSTĐTQ",
    "BK_BO_TINH": "Bằng khen cấp Bộ/tỉnh",
    "BK_TTG": "Bằng khen Thủ tướng",
    "HCLD3": "HCLĐ hạng Ba",
    "NGUT": "Nhà giáo Ưu tú",
    "NGND": "Nhà giáo Nhân dân",
    "KNC_GD": "Kỷ niệm chương",
    "GK": "Giấy khen",
    "TTLDXS": "TTLĐXS",
    "TTLDTT": "TTLĐTT",
    "CO_BO_TINH": "Cờ thi đua cấp Bộ/tỉnh",
    "CO_CP": "Cờ thi đua của Chính phủ",
    "BK_BO_TINH_TT": "Bằng khen cấp Bộ/tỉnh (tập thể)",
}
HARDSHIP_AREA = "vùng có điều kiện kinh tế – xã hội đặc biệt khó khăn"
AWAY_LABEL = {"sent_to_study": "được cử đi học", "military_service": "thực hiện nghĩa vụ quân sự"}


def title_label(code: str) -> str:
    return TITLE_LABEL.get(code, code)
