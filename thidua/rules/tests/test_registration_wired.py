"""The registration criterion in the engine (issue 13, decision 0017): shown on every emulation title, never changing
a verdict under the default policy, disqualifying only where the policy requires it; its facts in the JSON edge."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.rules.engine.criteria import Policy
from thidua.rules.engine.facade import Engine
from thidua.rules.engine.facts import RegistrationFact
from thidua.rules.engine.jsonio import FORMAT, InvalidDocument, evaluate_document, parse_document
from thidua.rules.engine.rulesets import DEFAULT_BOOK, REGISTERED_KEY, REGISTRABLE
from thidua.rules.engine.serialize import document_to_json

from .builders import ND98, ND152, OLD, collective, members, person
from .test_properties import INDIVIDUAL, YEARS, people

CSTDCS_APPROVED = RegistrationFact("CSTDCS", dt.date(2024, 9, 20))


def _criterion(facts, code, day=ND152, policy=None):
    outcome = Engine(policy=policy).evaluate(facts, code, year=day.year - 1, day=day)
    return outcome, next(c for c in outcome.criteria if c.key == REGISTERED_KEY)


def test_every_emulation_title_and_only_those_carry_the_criterion_in_every_regime():
    carrying = {r.code for r in DEFAULT_BOOK.rules if any(c.key == REGISTERED_KEY for c in r.criteria)}
    assert carrying == REGISTRABLE
    for r in DEFAULT_BOOK.rules:
        if r.code in REGISTRABLE:
            assert r.criteria[-1].key == REGISTERED_KEY and r.criteria[-1].tag == "unconfirmed"
            assert r.criteria[-1].cite.document.startswith("Luật Thi đua" if r.regime == "law2013" else "Thông tư 29/2023")


def test_a_registration_names_the_title_and_the_approval_day_and_covers_the_rungs_below():
    facts = person(ratings={2023: "excellent", 2024: "excellent"}, registered=(CSTDCS_APPROVED,))
    for code in ("LDTT", "CSTDCS"):
        _outcome, c = _criterion(facts, code)
        assert c.status.value == "met"
        assert c.reason == "Đã đăng ký thi đua: Chiến sĩ thi đua cơ sở, duyệt ngày 20/09/2024."
    _outcome, above = _criterion(facts, "CSTD_BO_TINH")
    assert above.reason == "Chưa đăng ký thi đua đầu năm học (không bắt buộc)." and above.status.value == "met"


def test_an_approval_after_the_evaluation_day_is_not_known_yet():
    facts = person(ratings={2024: "good"}, registered=(RegistrationFact("LDTT", dt.date(2025, 8, 1)),))
    assert _criterion(facts, "LDTT")[1].reason.startswith("Chưa đăng ký")


def test_collectives_carry_it_too():
    facts = collective(members=members(8, 2), registered=(RegistrationFact("TTLDXS", None),))
    _outcome, c = _criterion(facts, "TTLDTT")
    assert c.reason == "Đã đăng ký thi đua: Tập thể lao động xuất sắc."


def test_a_required_registration_that_is_missing_makes_the_title_not_eligible_with_the_reason():
    facts = person(ratings={2024: "good"}, unit="TH_A")
    assert _criterion(facts, "LDTT")[0].verdict.value == "eligible"
    required = Policy(registration_required=frozenset({("law2022_nd152", "TH_A")}))
    outcome, c = _criterion(facts, "LDTT", policy=required)
    assert outcome.verdict.value == "not_eligible"
    assert c.status.value == "not_met"
    assert c.reason == "Chưa đăng ký thi đua đầu năm học (bắt buộc theo quy định của đơn vị)."
    assert "đăng ký thi đua đầu năm học" in outcome.missing()
    # Registered: eligible again; another unit or another regime: not required.
    assert _criterion(dataclasses.replace(facts, registered=(RegistrationFact("LDTT"),)), "LDTT", policy=required)[0].eligible
    assert _criterion(dataclasses.replace(facts, unit="TH_B"), "LDTT", policy=required)[0].eligible
    everywhere = Policy(registration_required=frozenset({("*", "*")}))
    assert _criterion(person(ratings={2022: "good"}), "LDTT", day=OLD, policy=everywhere)[0].verdict.value == "not_eligible"


@settings(max_examples=150, deadline=None)
@given(
    people(),
    st.sampled_from([OLD, ND98, ND152]),
    st.lists(st.tuples(st.sampled_from(sorted(REGISTRABLE & set(INDIVIDUAL))), st.sampled_from([None, *YEARS])), max_size=3),
)
def test_under_the_default_policy_registrations_never_change_a_verdict(facts, day, regs):
    registered = tuple({c: RegistrationFact(c, dt.date(y, 10, 1) if y else None) for c, y in regs}.values())
    year = day.year - 1
    plain = Engine().evaluate_all(facts, INDIVIDUAL, year=year, day=day)
    with_regs = Engine().evaluate_all(dataclasses.replace(facts, registered=registered), INDIVIDUAL, year=year, day=day)
    assert [o.verdict for o in plain] == [o.verdict for o in with_regs]
    # Only the registration criterion's reason may differ (at any depth: a standard met lists its title's criteria).
    for a, b in zip(plain, with_regs, strict=True):
        assert [(c.key, c.status) for c in a.criteria] == [(c.key, c.status) for c in b.criteria]
        assert _without_registration(a.criteria) == _without_registration(b.criteria)


def _without_registration(criteria):
    return [dataclasses.replace(c, children=tuple(_without_registration(c.children))) for c in criteria if c.key != REGISTERED_KEY]


def _doc(**person_fields):
    return {
        "format": FORMAT,
        "evaluation_date": "2025-07-15",
        "titles": ["LDTT"],
        "persons": [{"id": "p1", "history": [{"school_year": "2024-2025", "rating": "good"}], **person_fields}],
    }


def test_old_json_without_the_field_reads_and_the_field_round_trips():
    old = parse_document(_doc())
    assert old.persons[0].registered == () and not old.warnings
    new = parse_document(_doc(registered=[{"code": "CSTDCS", "approved_on": "2024-09-20"}]))
    assert new.persons[0].registered == (CSTDCS_APPROVED,)
    assert parse_document(document_to_json(new)).persons[0].registered == (CSTDCS_APPROVED,)
    answer = evaluate_document(_doc(registered=[{"code": "LDTT"}]))
    criteria = answer["persons"][0]["outcomes"][0]["criteria"]
    assert criteria[-1]["key"] == REGISTERED_KEY and criteria[-1]["reason"] == "Đã đăng ký thi đua: Lao động tiên tiến."


def test_the_json_policy_and_bad_registrations_are_reported():
    doc = _doc(registered=[{"code": "TTLDTT"}, {"code": "NOPE"}])
    doc["policy"] = {"registration_required": [{"regime": "*", "unit": "*"}]}
    with pytest.raises(InvalidDocument) as error:
        parse_document(doc)
    paths = [p.path for p in error.value.problems]
    assert "persons[0].registered[0].code" in paths and "persons[0].registered[1].code" in paths
    del doc["persons"][0]["registered"]
    parsed = parse_document(doc)
    assert parsed.policy.registration_required == frozenset({("*", "*")})
    assert parse_document(document_to_json(parsed)).policy == parsed.policy
