"""The authority resolver, table-tested on both sides of 1 July 2025 for every title of DOMAIN §6.4 (no database).

Four subjects, in the tree of each side of the reform (DOMAIN §2.2):
* a THCS teacher: school → Phòng GD&ĐT → Sở → Bộ until 30/06/2025, school → UBND xã → Sở → Bộ from 01/07/2025;
* a THPT teacher: school → Sở → Bộ on both days;
* a university lecturer: university → Bộ on both days;
* the THCS school as a collective (it starts at its parent: a unit never awards itself).
"""

from __future__ import annotations

import datetime as dt

import pytest

from thidua.nominations.routing import ChainUnit, resolve

BEFORE, AFTER = dt.date(2025, 6, 30), dt.date(2025, 7, 1)

MINISTRY = ChainUnit(1, "Bộ Giáo dục và Đào tạo", "ministry")
DEPT = ChainUnit(2, "Sở GD&ĐT Ninh Bình", "department")
DISTRICT = ChainUnit(3, "Phòng GD&ĐT huyện Ý Yên", "district_office")
COMMUNE = ChainUnit(4, "UBND xã Yên Tiến", "commune")
THCS = ChainUnit(5, "Trường THCS Yên Tiến", "school", is_school=True)
THPT = ChainUnit(6, "Trường THPT Lê Chân", "school", is_school=True)
UNIVERSITY = ChainUnit(7, "Trường Đại học Sư phạm", "school", is_school=True)
TEAM = ChainUnit(8, "Tổ Khoa học tự nhiên", "team", legal_entity=False)

CHAINS = {
    ("thcs", BEFORE): (THCS, DISTRICT, DEPT, MINISTRY),
    ("thcs", AFTER): (THCS, COMMUNE, DEPT, MINISTRY),
    ("thcs_team", BEFORE): (TEAM, THCS, DISTRICT, DEPT, MINISTRY),
    ("thcs_team", AFTER): (TEAM, THCS, COMMUNE, DEPT, MINISTRY),
    ("thpt", BEFORE): (THPT, DEPT, MINISTRY),
    ("thpt", AFTER): (THPT, DEPT, MINISTRY),
    ("uni", BEFORE): (UNIVERSITY, MINISTRY),
    ("uni", AFTER): (UNIVERSITY, MINISTRY),
    # A collective starts at its parent.
    ("thcs_collective", BEFORE): (DISTRICT, DEPT, MINISTRY),
    ("thcs_collective", AFTER): (COMMUNE, DEPT, MINISTRY),
}

# (title, subject, day) -> (granting unit, submitting unit, words of the authority)
TABLE = [
    # LĐTT, CSTĐCS: Chủ tịch UBND huyện (Phòng) before, Chủ tịch UBND xã after; Giám đốc Sở for THPT; the Minister for units under the Ministry.
    ("LDTT", "thcs", BEFORE, DISTRICT, THCS, "Chủ tịch UBND huyện"),
    ("LDTT", "thcs", AFTER, COMMUNE, THCS, "Chủ tịch UBND xã"),
    ("LDTT", "thcs_team", AFTER, COMMUNE, THCS, "Chủ tịch UBND xã"),
    ("LDTT", "thpt", BEFORE, DEPT, THPT, "Giám đốc Sở"),
    ("LDTT", "thpt", AFTER, DEPT, THPT, "Giám đốc Sở"),
    ("LDTT", "uni", BEFORE, UNIVERSITY, UNIVERSITY, "Thủ trưởng đơn vị"),
    ("CSTDCS", "thcs", BEFORE, DISTRICT, THCS, "Chủ tịch UBND huyện"),
    ("CSTDCS", "thcs", AFTER, COMMUNE, THCS, "Chủ tịch UBND xã"),
    ("CSTDCS", "thcs_team", BEFORE, DISTRICT, THCS, "Chủ tịch UBND huyện"),
    ("CSTDCS", "thpt", BEFORE, DEPT, THPT, "Giám đốc Sở"),
    ("CSTDCS", "thpt", AFTER, DEPT, THPT, "Giám đốc Sở"),
    ("CSTDCS", "uni", AFTER, UNIVERSITY, UNIVERSITY, "Thủ trưởng đơn vị"),
    # TTLĐTT of a school: its manager.
    ("TTLDTT", "thcs_collective", BEFORE, DISTRICT, DISTRICT, "Chủ tịch UBND huyện"),
    ("TTLDTT", "thcs_collective", AFTER, COMMUNE, COMMUNE, "Chủ tịch UBND xã"),
    # Giấy khen: the principal (TT 29/2023 Điều 11), on both days; a team's member too.
    ("GK", "thcs", BEFORE, THCS, THCS, "Hiệu trưởng"),
    ("GK", "thcs", AFTER, THCS, THCS, "Hiệu trưởng"),
    ("GK", "thcs_team", AFTER, THCS, TEAM, "Hiệu trưởng"),
    ("GK", "thpt", AFTER, THPT, THPT, "Hiệu trưởng"),
    ("GK_TT", "thcs_collective", AFTER, COMMUNE, COMMUNE, "Chủ tịch UBND xã"),
    # The province's forms (TTLĐXS, Bằng khen UBND tỉnh, CSTĐ cấp tỉnh, Cờ thi đua UBND tỉnh): filed at the Sở.
    ("BK_BO_TINH", "thcs", BEFORE, DEPT, DISTRICT, "Chủ tịch UBND tỉnh"),
    ("BK_BO_TINH", "thcs", AFTER, DEPT, COMMUNE, "Chủ tịch UBND tỉnh"),
    ("BK_BO_TINH", "thpt", AFTER, DEPT, THPT, "Chủ tịch UBND tỉnh"),
    ("CSTD_BO_TINH", "thcs", BEFORE, DEPT, DISTRICT, "Chủ tịch UBND tỉnh"),
    ("CSTD_BO_TINH", "thcs", AFTER, DEPT, COMMUNE, "Chủ tịch UBND tỉnh"),
    ("TTLDXS", "thcs_collective", BEFORE, DEPT, DISTRICT, "Chủ tịch UBND tỉnh"),
    ("TTLDXS", "thcs_collective", AFTER, DEPT, COMMUNE, "Chủ tịch UBND tỉnh"),
    ("CO_BO_TINH", "thcs_collective", AFTER, DEPT, COMMUNE, "Chủ tịch UBND tỉnh"),
    # Units directly under the Ministry: the Minister (TTLĐXS, Cờ Bộ, CSTĐ cấp Bộ, Bằng khen Bộ trưởng, KNC).
    ("BK_BO_TINH", "uni", BEFORE, MINISTRY, UNIVERSITY, "Bộ trưởng"),
    ("BK_BO_TINH", "uni", AFTER, MINISTRY, UNIVERSITY, "Bộ trưởng"),
    ("CSTD_BO_TINH", "uni", AFTER, MINISTRY, UNIVERSITY, "Bộ trưởng"),
    ("KNC_GD", "thcs", BEFORE, MINISTRY, DEPT, "Bộ trưởng"),
    ("KNC_GD", "thcs", AFTER, MINISTRY, DEPT, "Bộ trưởng"),
    # The Prime Minister (Bằng khen Thủ tướng, CSTĐTQ, Cờ thi đua CP), filed at the Ministry.
    ("BK_TTG", "thcs", BEFORE, MINISTRY, DEPT, "Thủ tướng"),
    ("BK_TTG", "thcs", AFTER, MINISTRY, DEPT, "Thủ tướng"),
    ("CSTDTQ", "thpt", AFTER, MINISTRY, DEPT, "Thủ tướng"),
    ("CO_CP", "thcs_collective", AFTER, MINISTRY, DEPT, "Thủ tướng"),
    # The State President (Huân chương, NGND, NGƯT).
    ("HCLD3", "thcs", BEFORE, MINISTRY, DEPT, "Chủ tịch nước"),
    ("HCLD3", "thcs", AFTER, MINISTRY, DEPT, "Chủ tịch nước"),
    ("NGUT", "thpt", AFTER, MINISTRY, DEPT, "Chủ tịch nước"),
    ("NGND", "uni", BEFORE, MINISTRY, UNIVERSITY, "Chủ tịch nước"),
]


@pytest.mark.parametrize(
    ("code", "subject", "day", "granting", "submitting", "words"), TABLE, ids=lambda v: str(v) if not isinstance(v, ChainUnit) else v.kind
)
def test_the_resolver_routes_each_title_on_each_side_of_the_reform(code, subject, day, granting, submitting, words):
    route = resolve(kind_code=code, chain=CHAINS[(subject, day)], day=day)

    assert route.granting == granting, route
    assert route.submitting == submitting, route
    assert words in route.authority
    assert route.chain[0] == CHAINS[(subject, day)][0] and route.chain[-1] == granting
    assert route.citation and route.tag


def test_the_district_office_decides_nothing_from_the_reform():
    stale = (THCS, DISTRICT, DEPT, MINISTRY)  # a tree that was not restructured
    route = resolve(kind_code="CSTDCS", chain=stale, day=AFTER)
    assert route.granting == DEPT  # the Phòng is skipped; the Sở is the next level that may grant it


def test_the_launcher_of_a_movement_grants_its_awards():
    chain = CHAINS[("thcs", AFTER)]
    route = resolve(kind_code="BK_BO_TINH", chain=chain, day=AFTER, launcher=DEPT)
    assert route.granting == DEPT and route.by_launcher and not route.flags
    route = resolve(kind_code="GK", chain=chain, day=AFTER, launcher=COMMUNE)
    assert route.granting == COMMUNE and route.by_launcher and route.submitting == THCS


def test_a_launcher_without_authority_is_flagged_and_the_manager_grants():
    route = resolve(kind_code="CSTDTQ", chain=CHAINS[("thcs", AFTER)], day=AFTER, launcher=COMMUNE)
    assert route.granting == MINISTRY and "launcher_lacks_authority" in route.flags and not route.by_launcher


def test_a_launcher_outside_the_chain_is_flagged():
    route = resolve(kind_code="LDTT", chain=CHAINS[("thpt", AFTER)], day=AFTER, launcher=COMMUNE)
    assert route.granting == DEPT and "launcher_lacks_authority" in route.flags


def test_no_authority_in_the_chain_is_reported_not_guessed():
    route = resolve(kind_code="NGND", chain=(THCS, COMMUNE, DEPT), day=AFTER)
    assert route.granting is None and "no_authority" in route.flags and not route.resolved


def test_an_unknown_title_has_no_route():
    assert not resolve(kind_code="XYZ", chain=CHAINS[("thcs", AFTER)], day=AFTER).resolved


def test_the_route_serialises_for_the_api():
    data = resolve(kind_code="CSTDCS", chain=CHAINS[("thcs", AFTER)], day=AFTER).as_dict()
    assert data["granting"]["kind"] == "commune" and [u["kind"] for u in data["chain"]] == ["school", "commune"]
