"""Reference rows every installation starts with (used by the data migration and by tests that flush)."""

from __future__ import annotations

DEFAULT_KINDS = [
    ("ministry", "Bộ", 0, False),
    ("department", "Sở", 1, False),
    ("district_office", "Phòng GD&ĐT (cấp huyện, trước 01/7/2025)", 2, False),
    ("commune", "UBND xã, phường, đặc khu", 2, False),
    ("school", "Cơ sở giáo dục", 3, True),
    ("team", "Tổ chuyên môn, tổ văn phòng", 4, False),
    ("other", "Đơn vị khác", 3, False),
]


def ensure_kinds(unit_kind_model) -> None:
    for code, name, rank, is_school in DEFAULT_KINDS:
        unit_kind_model.objects.get_or_create(code=code, defaults={"name": name, "rank": rank, "is_school": is_school})
