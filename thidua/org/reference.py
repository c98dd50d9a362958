"""Reference rows every installation starts with (used by the data migrations and by tests that flush).

``legal_entity`` says whether units of the kind have legal personality (tư cách pháp nhân): the head of
such a unit decides the grassroots titles and Giấy khen for its own staff (Luật 2022 Điều 80 khoản 1;
``awards/authority.py``). Schools and the bodies of the state have it; a tổ chuyên môn does not; "other"
units are configured by the system admin (a new kind can be added with the flag set).

There is no node for the provincial People's Committee in the demo tree: the Sở GD&ĐT stands for the
province in the sector's tree and files the Chủ tịch UBND tỉnh's decisions. An installation that wants
the committee as its own node adds a unit of kind ``province`` above its Sở (see docs/architecture.md).
"""

from __future__ import annotations

# code, name, rank, is_school, legal_entity
DEFAULT_KINDS = [
    ("ministry", "Bộ", 0, False, True),
    ("province", "UBND tỉnh, thành phố trực thuộc trung ương", 1, False, True),
    ("department", "Sở", 1, False, True),
    ("district_office", "Phòng GD&ĐT (cấp huyện, trước 01/7/2025)", 2, False, True),
    ("commune", "UBND xã, phường, đặc khu", 2, False, True),
    ("school", "Cơ sở giáo dục", 3, True, True),
    ("team", "Tổ chuyên môn, tổ văn phòng", 4, False, False),
    ("other", "Đơn vị khác", 3, False, False),
]


def ensure_kinds(unit_kind_model) -> None:
    # Migration 0002 runs this with a model that has no ``legal_entity`` yet (0003 sets it).
    has_flag = any(f.name == "legal_entity" for f in unit_kind_model._meta.get_fields())
    present = set(unit_kind_model.objects.values_list("code", flat=True))
    for code, name, rank, is_school, legal_entity in DEFAULT_KINDS:
        if code in present:
            continue
        defaults = {"name": name, "rank": rank, "is_school": is_school}
        if has_flag:
            defaults["legal_entity"] = legal_entity
        unit_kind_model.objects.get_or_create(code=code, defaults=defaults)


def set_legal_entity(unit_kind_model) -> None:
    """Mark the reference kinds created before the flag existed (leaves kinds an admin added alone)."""
    for code, _name, _rank, _is_school, legal_entity in DEFAULT_KINDS:
        unit_kind_model.objects.filter(code=code).update(legal_entity=legal_entity)
