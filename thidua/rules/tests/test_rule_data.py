"""The rule book as data a jurist can read: keyword-only parameters checked on construction, texts that quote
the parameters instead of repeating them, one table of regimes and titles for the rule book and the catalogue,
and no regime ``if`` outside the rule book. No database."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from fractions import Fraction
from pathlib import Path

import pytest

from thidua.awards import catalogue
from thidua.rules.engine import criteria as k
from thidua.rules.engine import facts, regimes, titles
from thidua.rules.engine.evaluators import title_label
from thidua.rules.engine.outcomes import Citation
from thidua.rules.engine.rulesets import DEFAULT_BOOK, RULES, RuleBook
from thidua.rules.engine.rulesets.teachers import NGUT_TENURE

THIDUA = Path(__file__).resolve().parents[2]
PARAMS = [cls for cls in vars(k).values() if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == k.__name__]


def _criteria(items):
    for c in items:
        yield c
        if isinstance(c.params, k.AnyOf):
            yield from _criteria(c.params.options)


# -- keyword-only parameters, validated -------------------------------------------------------------------
@pytest.mark.parametrize("cls", PARAMS, ids=lambda c: c.__name__)
def test_every_parameter_is_named_when_a_rule_is_written(cls):
    positional = [f.name for f in dataclasses.fields(cls) if f.init and not f.kw_only]
    assert positional == []


def test_a_positional_threshold_is_refused():
    with pytest.raises(TypeError):
        k.TeachingTenure(15, 20, 10, 2)
    assert k.TeachingTenure(teaching=15, sector=20, manager_teaching=10, multiplier=2) == NGUT_TENURE


NONSENSE = [
    (k.MinService, {"months": 0}, "MinService.months"),
    (k.MinService, {"months": 13}, "MinService.months"),
    (k.MinService, {"months": 10, "counted_leave": ("holiday",)}, "counted_leave"),
    (k.TeachingTenure, {"teaching": -15, "sector": 20, "manager_teaching": 10}, "TeachingTenure.teaching"),
    (k.TeachingTenure, {"teaching": 15, "sector": 10, "manager_teaching": 20}, "manager_teaching"),
    (k.SectorYears, {"years": -20}, "SectorYears.years"),
    (k.SectorYears, {"years": 20, "hardship_years": 25}, "hardship_years"),
    (k.SectorYears, {"years": 20, "by_gender": (("men", 25),)}, "by_gender"),
    (k.TitleChain, {"code": "CSTDCS", "years": 0}, "TitleChain.years"),
    (k.TitleChain, {"code": "", "years": 3}, "TitleChain.code"),
    (k.TitleCount, {"code": "CSTDCS", "n": 2.5}, "TitleCount.n"),
    (k.InitiativeCount, {"n": 1, "min_scope": "district"}, "min_scope"),
    (k.RatingRun, {"min": "very good", "years": 5}, "RatingRun.min"),
    (k.Window, {"min_years": -1}, "Window.min_years"),
    (k.Window, {"reset_by": "BK_TTG"}, "Window.reset_by"),
    (k.MemberShare, {"ratio": Fraction(3, 2)}, "MemberShare.ratio"),
    (k.MemberShare, {"ratio": Fraction(1, 2), "op": "<"}, "MemberShare.op"),
    (k.CouncilVote, {"threshold": 0}, "CouncilVote.threshold"),
    (k.UnitCap, {"ratio": Fraction(-15, 100), "cite": Citation("x"), "label": "x"}, "UnitCap.ratio"),
    (k.UnitCap, {"ratio": Fraction(15, 100), "cite": Citation("x"), "label": "x", "rounding": "banker"}, "UnitCap.rounding"),
    (k.HasAward, {"codes": ()}, "HasAward.codes"),
]


@pytest.mark.parametrize(("cls", "params", "named"), NONSENSE, ids=[f"{c.__name__}-{n}" for c, _p, n in NONSENSE])
def test_nonsense_parameters_are_refused_with_the_parameter_named(cls, params, named):
    with pytest.raises(k.RuleError, match=re.escape(named)):
        cls(**params)


# -- texts that quote the parameters ------------------------------------------------------------------------
def test_a_label_quotes_its_parameter():
    c = k.Criterion(
        key="service",
        label="Công tác đủ {months} tháng",
        params=k.MinService(months=9),
        cite=Citation("x"),
        missing="đủ {months:02d} tháng",
    )
    assert (c.label, c.missing) == ("Công tác đủ 9 tháng", "đủ 09 tháng")
    share = k.Criterion(key="share", label="Trên {ratio:pct}%", params=k.MemberShare(ratio=Fraction(1, 2)), cite=Citation("x"))
    assert share.label == "Trên 50%"


def test_changing_a_threshold_changes_the_texts_that_quote_it():
    rule = DEFAULT_BOOK.on("LDTT", dt.date(2025, 1, 1))
    service = next(c for c in rule.criteria if c.key == "service")
    assert (service.label, service.missing) == ("Công tác đủ 10 tháng trong năm (người mới tuyển dụng)", "đủ 10 tháng công tác trong năm")
    nine = service.with_params(k.MinService(months=9))
    assert (nine.label, nine.missing) == ("Công tác đủ 9 tháng trong năm (người mới tuyển dụng)", "đủ 9 tháng công tác trong năm")
    tenure = next(c for c in DEFAULT_BOOK.on("NGUT", dt.date(2025, 1, 1)).criteria if c.key == "tenure")
    longer = tenure.with_params(dataclasses.replace(NGUT_TENURE, teaching=16, multiplier=3)).label
    assert longer.startswith("≥ 16 năm trực tiếp giảng dạy") and longer.endswith("tính hệ số 3,0")


def _numbers(params) -> set[int]:
    """Every whole number a criterion's parameters hold (ratios as per cent), windows and options included."""
    out: set[int] = set()
    if isinstance(params, bool) or params is None:
        return out
    if isinstance(params, int):
        return {params}
    if isinstance(params, Fraction):
        return {int(params * 100)}
    if isinstance(params, tuple):
        for x in params:
            out |= _numbers(x.params if isinstance(x, k.Criterion) else x)
        return out
    if dataclasses.is_dataclass(params):
        for f in dataclasses.fields(params):
            out |= _numbers(getattr(params, f.name))
    return out


# A number with what it counts, as labels write thresholds ("03 lần", "≥ 15 năm", "70%", "hệ số 2,0").
THRESHOLD = re.compile(r"(\d+)(?:,\d+)?\s*(?:%|năm|tháng|lần|sáng kiến|Bằng khen)|hệ số (\d+),")
# Numbers the law writes that no parameter holds: what the criterion means, not a threshold the engine counts.
NOT_PARAMETERS = {
    ("NGND", "cstd", "01"): "HasAward: one award of either kind",
    ("TTLDXS", "complete", "100"): "AllMembersAtLeast: every member",
    ("CO_BO_TINH", "leads", "5"): "LeadsCluster reads who leads; the 5-year movement is the cluster's own rule",
    ("CO_CP", "pm_movement", "5"): "Confirmed by the officer",
}


def test_every_number_in_a_label_or_missing_text_is_a_parameter_of_its_rule():
    wrong = []
    for rule in RULES:
        held = _numbers(tuple(rule.criteria)) | (_numbers(rule.unit_cap) if rule.unit_cap else set())
        for c in _criteria(rule.criteria):
            for text in (c.label, c.missing):
                for m in THRESHOLD.finditer(text):
                    number = m.group(1) or m.group(2)
                    if int(number) not in held and (rule.code, c.key, number) not in NOT_PARAMETERS:
                        wrong.append((rule.version_id, c.key, text))
    assert wrong == []


def test_thresholds_are_written_once_the_labels_name_them():
    templated = {(rule.code, c.key) for rule in RULES for c in _criteria(rule.criteria) if "{" in c.templates[0] + c.templates[1]}
    for expected in [
        ("LDTT", "service"),
        ("CSTD_BO_TINH", "chain"),
        ("CSTDTQ", "chain"),
        ("BK_TTG", "run"),
        ("BK_TTG", "cstdcs"),
        ("NGUT", "tenure"),
        ("NGND", "tenure"),
        ("TTLDTT", "share"),
        ("TTLDXS", "share"),
        ("CSTDCS", "council_vote"),
    ]:
        assert expected in templated
    cap = DEFAULT_BOOK.on("CSTDCS", dt.date(2020, 1, 1)).unit_cap
    assert cap.label == "Trong tỉ lệ 15 % số Lao động tiên tiến của đơn vị"
    assert dataclasses.replace(cap, ratio=Fraction(1, 5), label="Trong tỉ lệ {ratio:pct} %").label == "Trong tỉ lệ 20 %"


# -- one table of regimes and titles ------------------------------------------------------------------------
def test_the_catalogue_stores_the_engines_regimes():
    assert [(r.code, r.name, r.effective_from, r.effective_to, r.citation) for r in regimes.REGIMES] == catalogue.REGIMES
    assert {code for _c, *_rest, per_regime in catalogue.ENTRIES for code in per_regime} == set(regimes.BY_CODE)


def test_every_rule_lies_within_its_regime():
    for rule in RULES:
        regime = regimes.BY_CODE[rule.regime]
        assert regime.effective_from <= rule.effective_from, rule.version_id
        assert regime.effective_to is None or (rule.effective_to is not None and rule.effective_to <= regime.effective_to), rule.version_id


def test_the_regimes_follow_each_other_without_a_gap():
    for day in (dt.date(2014, 6, 1), dt.date(2023, 12, 31), dt.date(2024, 1, 1), dt.date(2025, 6, 30), dt.date(2025, 7, 1)):
        assert regimes.regime_on(day) is not None
    assert regimes.regime_on(dt.date(2014, 5, 31)) is None
    with pytest.raises(ValueError, match="effective_to before"):
        regimes.Regime(code="x", name="x", effective_from=dt.date(2024, 1, 1), effective_to=dt.date(2023, 1, 1), citation="")


def test_rules_and_catalogue_name_titles_from_one_table():
    for rule in RULES:
        assert rule.name == titles.BY_CODE[rule.code].name
    for code, name, abbreviation, *_rest in catalogue.ENTRIES:
        assert (name, abbreviation) == (titles.BY_CODE[code].name, titles.BY_CODE[code].abbreviation)
    assert {t.code for t in titles.TITLES} == {e[0] for e in catalogue.ENTRIES}


def test_reasons_name_titles_as_the_titles_table_says():
    assert {code: title_label(code) for code in titles.REASON_LABELS} == titles.REASON_LABELS
    assert set(titles.REASON_LABELS) == set(DEFAULT_BOOK.codes)


def test_merit_types_are_the_engines():
    from thidua.awards.models import MERIT_TYPES

    assert {str(t) for t in MERIT_TYPES} == set(facts.MERIT_TYPES)


# -- unit caps and shares are rule book data ----------------------------------------------------------------
def test_unit_caps_and_shares_are_data_with_citations():
    capped = [r for r in RULES if r.unit_cap]
    assert [(r.version_id, r.unit_cap.ratio, str(r.unit_cap.cite)) for r in capped] == [
        ("CSTDCS@law2013#1", Fraction(15, 100), str(Citation("Nghị định 91/2017/NĐ-CP", "9", "3")))
    ]
    (share,) = DEFAULT_BOOK.unit_shares
    assert (share.ratio, share.unit_ratio, share.cite) == (Fraction(1, 5), Fraction(1, 4), Citation("Nghị định 233/2026/NĐ-CP", "12"))
    assert RuleBook().unit_shares == DEFAULT_BOOK.unit_shares
    source = (THIDUA / "rules" / "engine" / "units.py").read_text()
    assert "Fraction(" not in source.replace("Fraction(len(", "")  # no ratio written in the code


# -- no regime ``if`` outside the rule book ------------------------------------------------------------------
REGIME_CODE = re.compile(r"""["']law20\d\d[a-z0-9_]*["']""")
REGIME_TEST = re.compile(r"""regime(?:\.code|_code)?\s*(?:==|!=|\bin\b|\bis\b)\s*["'(\[]""")
# The table itself, the catalogue's data migrations, and an API field's example.
CODES_ALLOWED = {"rules/engine/regimes.py", "api/schemas_awards.py"}


def _sources():
    for path in sorted(THIDUA.rglob("*.py")):
        relative = path.relative_to(THIDUA).as_posix()
        if "/migrations/" in relative or "/tests/" in relative or relative.startswith("tests/"):
            continue
        yield relative, path.read_text()


def test_regime_codes_are_written_only_in_the_regimes_table():
    found = [(relative, m.group()) for relative, text in _sources() if relative not in CODES_ALLOWED for m in REGIME_CODE.finditer(text)]
    assert found == []


def test_no_code_compares_a_regime_with_a_literal():
    found = [(relative, m.group()) for relative, text in _sources() for m in REGIME_TEST.finditer(text)]
    assert found == []
