"""The catalogue against DOMAIN §4–7: every title and form per regime, coefficients, citations, status tags."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal

import pytest

from thidua.awards import selectors
from thidua.awards.models import AwardKind, BaseSalary, LegalRegime

REGIMES = ("law2013", "law2022_nd98", "law2022_nd152")
OLD, ND98, ND152 = REGIMES

# DOMAIN §7 per regime: (coefficient, tag of the amount: True ✅, "P" ⚠️, False ❓). ``None`` coefficient:
# DOMAIN gives no fixed amount. An unconfirmed coefficient may be filled in as an assumption, but then
# the entry is tagged ❓; a partly confirmed one is never tagged ✅.
CASH = {
    "CSTDTQ": {OLD: ("4.5", True), ND98: ("4.5", True), ND152: ("4.5", True)},
    "CSTD_BO_TINH": {OLD: ("3.0", True), ND98: ("3.0", True), ND152: ("3.0", True)},
    "CSTDCS": {OLD: ("1.0", True), ND98: ("1.0", True), ND152: ("1.0", True)},
    "LDTT": {OLD: ("0.3", True), ND98: ("0.3", True), ND152: ("0.3", True)},
    "TTLDXS": {OLD: ("1.5", True), ND98: ("1.5", True), ND152: ("1.5", True)},
    "TTLDTT": {OLD: ("0.8", True), ND98: ("0.8", True), ND152: ("0.8", True)},
    "CO_CP": {OLD: ("12.0", True), ND98: ("12.0", True), ND152: ("12.0", True)},
    "CO_BO_TINH": {OLD: ("8.0", True), ND98: ("8.0", True), ND152: ("8.0", True)},
    "CO_DHQG": {ND152: ("6.0", True)},
    "BK_TTG": {OLD: ("3.5", True), ND98: ("3.5", "P"), ND152: ("3.5", "P")},
    "BK_TTG_TT": {OLD: ("7.0", True), ND98: (None, False), ND152: ("7.0", True)},
    "BK_BO_TINH": {OLD: ("1.0", True), ND98: (None, False), ND152: (None, False)},
    "BK_BO_TINH_TT": {OLD: ("2.0", True), ND98: (None, False), ND152: ("3.0", True)},
    "GK": {OLD: ("0.3", True), ND98: (None, False), ND152: (None, False)},
    "GK_TT": {OLD: ("0.6", True), ND98: (None, False), ND152: ("0.6", True)},
    "HCLD3": {OLD: ("4.5", False), ND98: ("4.5", False), ND152: ("4.5", False)},
    "HCLD2": {OLD: ("7.5", False), ND98: ("7.5", False), ND152: ("7.5", False)},
    "HCLD1": {OLD: ("9.0", False), ND98: ("9.0", False), ND152: ("9.0", False)},
    "HCLD3_TT": {OLD: ("9", False), ND98: ("9", False), ND152: ("9", True)},
    "HCLD2_TT": {OLD: ("15", False), ND98: ("15", False), ND152: ("15", True)},
    "HCLD1_TT": {OLD: ("18", False), ND98: ("18", False), ND152: ("18", True)},
    "AHLD": {OLD: ("15.5", True), ND98: ("15.5", True), ND152: ("15.5", False)},
    "AHLD_TT": {OLD: ("31", True), ND98: ("31", True), ND152: ("31", True)},
    "NGND": {OLD: ("12.5", True), ND98: ("12.5", True), ND152: ("12.5", False)},
    "NGUT": {OLD: ("9.0", True), ND98: ("9.0", True), ND152: ("9.0", False)},
    "KNC_GD": {OLD: (None, False), ND98: (None, False), ND152: (None, False)},
}
COLLECTIVE = {"TTLDXS", "TTLDTT", "CO_CP", "CO_BO_TINH", "CO_DHQG", "BK_TTG_TT", "BK_BO_TINH_TT", "GK_TT", "AHLD_TT"} | {
    f"HCLD{n}_TT" for n in (1, 2, 3)
}
TITLES = {"CSTDTQ", "CSTD_BO_TINH", "CSTDCS", "LDTT", "TTLDXS", "TTLDTT", "CO_CP", "CO_BO_TINH", "CO_DHQG"}
CASES = [(code, regime, *expected) for code, per in CASH.items() for regime, expected in per.items()]


def _kind(code: str, regime: str) -> AwardKind:
    return AwardKind.objects.select_related("regime").get(code=code, regime__code=regime, is_current=True)


def test_the_regimes_follow_each_other_without_gap(db):
    regimes = list(LegalRegime.objects.order_by("effective_from"))

    assert [r.code for r in regimes] == list(REGIMES)
    assert [(r.effective_from, r.effective_to) for r in regimes] == [
        (dt.date(2014, 6, 1), dt.date(2023, 12, 31)),
        (dt.date(2024, 1, 1), dt.date(2025, 6, 30)),
        (dt.date(2025, 7, 1), None),
    ]


def test_every_entry_has_the_expected_codes_and_nothing_else(db):
    held = set(AwardKind.objects.values_list("code", "regime__code"))

    assert held == {(code, regime) for code, regime, *_ in CASES}


@pytest.mark.parametrize(("code", "regime", "coefficient", "confirmed"), CASES, ids=[f"{c}-{r}" for c, r, *_ in CASES])
def test_the_cash_coefficient_matches_domain_section_7(db, code, regime, coefficient, confirmed):
    kind = _kind(code, regime)

    assert kind.coefficient == (None if coefficient is None else Decimal(coefficient))
    if confirmed is True:
        assert kind.status != "unconfirmed" and kind.coefficient_citation
    elif confirmed == "P":
        assert kind.status == "partial"
    elif coefficient is not None:
        assert kind.status == "unconfirmed", "an assumed amount must be tagged ❓"


@pytest.mark.parametrize(("code", "regime"), [(c, r) for c, r, *_ in CASES])
def test_every_entry_carries_a_citation_a_status_tag_and_its_regime_validity(db, code, regime):
    kind = _kind(code, regime)

    assert kind.citation and kind.name and kind.authority and kind.grants
    assert kind.get_status_display() in {"✅", "⚠️", "❓"}
    assert (kind.valid_from, kind.valid_to) == (kind.regime.effective_from, kind.regime.effective_to)
    assert kind.subject == ("collective" if code in COLLECTIVE else "individual")
    assert kind.category == ("title" if code in TITLES else "form")
    assert unicodedata.is_normalized("NFC", kind.name)


def test_a_confirmed_entry_carries_no_caveat(db):
    caveats = AwardKind.objects.filter(status="confirmed").exclude(status_note="")

    assert list(caveats.values_list("code", "regime__code", "status_note")) == []


def test_old_regime_entries_never_cite_the_2022_law(db):
    wrong = [k.code for k in AwardKind.objects.filter(regime__code=OLD) if "2022" in k.citation or "NĐ 98" in k.citation]

    assert wrong == []


def test_higher_titles_rank_higher_and_pay_more(db):
    chain = [_kind(code, ND152) for code in ("LDTT", "CSTDCS", "CSTD_BO_TINH", "CSTDTQ")]

    assert [k.rank for k in chain] == sorted(k.rank for k in chain)
    assert [k.coefficient for k in chain] == sorted(k.coefficient for k in chain)


@pytest.mark.parametrize(
    ("day", "amount"),
    [
        (dt.date(2023, 6, 30), 1_490_000),
        (dt.date(2023, 7, 1), 1_800_000),
        (dt.date(2024, 6, 30), 1_800_000),
        (dt.date(2024, 7, 1), 2_340_000),
        (dt.date(2026, 6, 30), 2_340_000),
        (dt.date(2026, 7, 1), 2_530_000),
    ],
)
def test_the_base_salary_in_force_on_a_day(db, day, amount):
    assert selectors.base_salary_on(day).amount == amount


def test_the_domain_base_salaries_carry_their_decree(db):
    rows = {b.amount: b for b in BaseSalary.objects.all()}

    assert (rows[1_800_000].citation, rows[1_800_000].status) == ("NĐ 24/2023/NĐ-CP", "confirmed")
    assert (rows[2_340_000].citation, rows[2_340_000].status) == ("NĐ 73/2024/NĐ-CP", "confirmed")
    assert (rows[2_530_000].citation, rows[2_530_000].status) == ("NĐ 161/2026/NĐ-CP", "partial")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("LĐTT", "LDTT"),
        ("lao dong tien tien", "LDTT"),
        (unicodedata.normalize("NFD", "Lao động tiên tiến"), "LDTT"),
        ("  Lao   động  tiên tiến ", "LDTT"),
        ("CSTĐCS", "CSTDCS"),
        ("C.S.T.Đ.C.S", "CSTDCS"),
        ("Chiến sĩ thi đua cơ sở", "CSTDCS"),
        ("Giấy khen", "GK"),
        ("Giấy khen tập thể", "GK_TT"),
        ("Bằng khen Thủ tướng", "BK_TTG"),
        ("TTLĐXS", "TTLDXS"),
        ("Chiến sĩ thi đua cấp tỉnh", "CSTD_BO_TINH"),
    ],
)
def test_kind_by_name_matches_full_abbreviated_and_unaccented_names(db, text, code):
    kind = selectors.kind_by_name(text, dt.date(2025, 5, 1))

    assert (kind.code, kind.regime.code) == (code, ND98)


@pytest.mark.parametrize("text", ["", "   ", "Lao động", "Huân chương Sao vàng"])
def test_kind_by_name_finds_nothing_for_unknown_or_partial_names(db, text):
    assert selectors.kind_by_name(text, dt.date(2025, 5, 1)) is None


def test_kind_by_name_picks_the_regime_of_the_day(db):
    assert selectors.kind_by_name("LĐTT", dt.date(2020, 5, 1)).regime.code == OLD
    assert selectors.kind_by_name("LĐTT", dt.date(2026, 5, 1)).regime.code == ND152
