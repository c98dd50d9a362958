"""Who may grant what (``awards/authority.py``), table-tested for every catalogue entry on both sides of
01/07/2025 and under the old law, without the database."""

from __future__ import annotations

import datetime as dt

import pytest

from thidua.awards import authority, catalogue

D = dt.date
OLD_DAY, EVE, SWITCH = D(2023, 6, 30), D(2025, 6, 30), D(2025, 7, 1)
DAYS = {"old": OLD_DAY, "eve": EVE, "switch": SWITCH}

# Unit kinds of the reference data with their legal personality (org/reference.py).
KINDS = {
    "ministry": True,
    "province": True,
    "department": True,
    "district_office": True,
    "commune": True,
    "school": True,
    "team": False,
    "other": False,
}

LOCAL_OLD = {"ministry", "department", "district_office", "school"}
LOCAL_NEW = {"ministry", "department", "commune", "school"}
PROVINCIAL = {"ministry", "province", "department"}
CENTRAL = {"ministry"}

# code -> {day: the unit kinds that may record it} (written from DOMAIN §1.2 and §6.4, Luật 2022 Điều 80,
# NĐ 129/2025 Điều 59, not from the module under test).
EXPECTED: dict[str, dict[str, set[str]]] = {
    "LDTT": {"old": LOCAL_OLD, "eve": LOCAL_OLD | {"commune"}, "switch": LOCAL_NEW},
    "CSTDCS": {"old": LOCAL_OLD, "eve": LOCAL_OLD, "switch": LOCAL_NEW},
    "TTLDTT": {"old": LOCAL_OLD, "eve": LOCAL_OLD, "switch": LOCAL_NEW},
    "GK": {"old": LOCAL_OLD | {"commune"}, "eve": LOCAL_OLD | {"commune"}, "switch": LOCAL_NEW},
    "GK_TT": {"old": LOCAL_OLD | {"commune"}, "eve": LOCAL_OLD | {"commune"}, "switch": LOCAL_NEW},
    **{code: dict.fromkeys(DAYS, PROVINCIAL) for code in ("CSTD_BO_TINH", "BK_BO_TINH", "BK_BO_TINH_TT", "TTLDXS", "CO_BO_TINH")},
    **{
        code: dict.fromkeys(DAYS, CENTRAL)
        for code in (
            "KNC_GD",
            "CSTDTQ",
            "BK_TTG",
            "BK_TTG_TT",
            "CO_CP",
            "HCLD1",
            "HCLD2",
            "HCLD3",
            "HCLD1_TT",
            "HCLD2_TT",
            "HCLD3_TT",
            "NGUT",
            "NGND",
            "AHLD",
            "AHLD_TT",
        )
    },
    "CO_DHQG": {"switch": CENTRAL},
}

REGIME_OF = {"old": "law2013", "eve": "law2022_nd98", "switch": "law2022_nd152"}
CATALOGUE = {(code, regime) for code, *_rest, per_regime in catalogue.ENTRIES for regime in per_regime}


def test_the_table_covers_exactly_the_catalogue():
    assert {code for code, _ in CATALOGUE} == set(EXPECTED)
    for code, days in EXPECTED.items():
        assert {REGIME_OF[d] for d in days} == {r for c, r in CATALOGUE if c == code}, code
    named = {c for g in authority.GRANTS for c in g.codes}
    assert named == set(EXPECTED)


@pytest.mark.parametrize(
    ("code", "day", "issuer"),
    [(code, day, issuer) for code, days in EXPECTED.items() for day in days for issuer in KINDS],
)
def test_who_may_record_each_title_on_each_side_of_the_switch(code, day, issuer):
    grant = authority.authority_for(code=code, issuer_kind=issuer, legal_entity=KINDS[issuer], day=DAYS[day])

    assert (grant is not None) == (issuer in EXPECTED[code][day])
    if grant is not None:
        assert grant.authority and grant.citation and grant.status_tag in {"✅", "⚠️", "❓"}


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_every_entry_has_an_authority_on_every_day_of_its_regime(code):
    for day, kinds in EXPECTED[code].items():
        assert authority.issuer_kinds(code, KINDS.items(), start=DAYS[day], end=DAYS[day]) == [k for k in KINDS if k in kinds]
        assert authority.describe(code, start=DAYS[day], end=DAYS[day])


def test_a_school_decides_lao_dong_tien_tien_for_its_staff_as_a_legal_entity():
    grant = authority.authority_for(code="LDTT", issuer_kind="school", legal_entity=True, day=D(2026, 5, 20))

    assert grant.issuer == authority.LEGAL_ENTITY and "tư cách pháp nhân" in grant.authority and "Điều 80 khoản 1" in grant.citation


@pytest.mark.parametrize("day", [EVE, SWITCH, D(2026, 5, 20)])
def test_a_team_has_no_legal_personality_and_decides_nothing(day):
    assert all(authority.authority_for(code=code, issuer_kind="team", legal_entity=False, day=day) is None for code in EXPECTED)


def test_legal_personality_is_read_from_the_kind_not_its_name():
    """A kind an admin adds (a college, say) decides the grassroots titles exactly when it has legal personality."""
    assert authority.authority_for(code="CSTDCS", issuer_kind="college", legal_entity=True, day=SWITCH) is not None
    assert authority.authority_for(code="CSTDCS", issuer_kind="college", legal_entity=False, day=SWITCH) is None
    assert authority.authority_for(code="BK_BO_TINH", issuer_kind="college", legal_entity=True, day=SWITCH) is None


@pytest.mark.parametrize(("day", "allowed"), [(EVE, True), (SWITCH, False), (D(2026, 1, 1), False)])
def test_the_district_office_stops_deciding_when_the_district_level_ends(day, allowed):
    """Its legal personality does not revive it: a kind named in the table is governed by its own lines."""
    assert (authority.authority_for(code="LDTT", issuer_kind="district_office", legal_entity=True, day=day) is not None) is allowed


@pytest.mark.parametrize(("code", "before", "after"), [("LDTT", True, True), ("CSTDCS", False, True), ("TTLDTT", False, True)])
def test_the_commune_takes_over_the_district_powers_on_1_july_2025(code, before, after):
    ask = lambda day: authority.authority_for(code=code, issuer_kind="commune", legal_entity=True, day=day)  # noqa: E731

    assert (ask(EVE) is not None, ask(SWITCH) is not None) == (before, after)
    assert "NĐ 129/2025" in ask(SWITCH).citation
    if before:
        assert "Điều 80 khoản 3" in ask(EVE).citation


@pytest.mark.parametrize("code", ["BK_BO_TINH", "BK_BO_TINH_TT", "CSTD_BO_TINH", "CO_BO_TINH", "TTLDXS"])
def test_the_ministers_and_the_provinces_awards_are_kept_apart(code):
    day = D(2026, 5, 20)
    minister = authority.authority_for(code=code, issuer_kind="ministry", legal_entity=True, day=day)
    province = authority.authority_for(code=code, issuer_kind="province", legal_entity=True, day=day)
    filed_by_department = authority.authority_for(code=code, issuer_kind="department", legal_entity=True, day=day)

    assert minister.authority == "Bộ trưởng Bộ GD&ĐT" and "TT 29/2023" in minister.citation and "Giám đốc Sở" in minister.route
    assert province.authority == "Chủ tịch UBND tỉnh" and "Hội đồng Thi đua – Khen thưởng tỉnh" in province.route
    assert filed_by_department.authority.startswith("Chủ tịch UBND tỉnh") and "Sở GD&ĐT" in filed_by_department.authority
    assert minister.citation != province.citation


def test_the_refusal_names_the_issuer_the_title_and_who_may_decide():
    text = authority.refusal(
        issuer_name="Tổ Toán", issuer_kind_name="Tổ chuyên môn", kind_name="Lao động tiên tiến", code="LDTT", day=SWITCH
    )

    assert text.startswith("Tổ Toán (Tổ chuyên môn) không có thẩm quyền quyết định “Lao động tiên tiến” ngày 01/07/2025")
    assert "Chủ tịch UBND xã" in text and "tư cách pháp nhân" in text and "Phòng GD&ĐT" not in text


def test_the_catalogue_text_marks_a_change_inside_a_period():
    text = authority.describe("LDTT", start=D(2024, 1, 1), end=None)

    assert "Chủ tịch UBND huyện (quyết định ghi nhận tại Phòng GD&ĐT) (đến 30/06/2025)" in text
    assert "(từ 01/07/2025)" in text
