"""Scoped reads of decisions and awards."""

from __future__ import annotations

import datetime as dt

from thidua.awards import selectors, services
from thidua.awards.services import AwardSpec
from thidua.years.models import SchoolYear

D = dt.date


def _decide(actor, issuer, number, specs, year="2025-2026"):
    return services.decision_create(
        actor=actor,
        issuer=issuer,
        number=number,
        decision_date=D(2026, 5, 20),
        award_type="annual",
        awards=specs,
        school_year=SchoolYear.objects.get(code=year),
    )


def test_decision_list_counts_awards_and_filters(world):
    _decide(
        world.officer_school_a,
        world.school_a,
        "1/QĐ-A",
        [AwardSpec("GK", person=world.person_a), AwardSpec("GK", person=world.colleague_a)],
    )
    _decide(world.officer_school_b, world.school_b, "2/QĐ-B", [AwardSpec("GK", person=world.person_b)], year="2024-2025")
    rows = {d.number: d.award_count for d in selectors.decision_list(actor=world.officer_dept)}
    assert rows == {"1/QĐ-A": 2, "2/QĐ-B": 1}
    assert [d.number for d in selectors.decision_list(actor=world.officer_school_a)] == ["1/QĐ-A"]
    assert [d.number for d in selectors.decision_list(actor=world.teacher_a)] == []
    y = SchoolYear.objects.get(code="2024-2025")
    assert [d.number for d in selectors.decision_list(actor=world.officer_dept, school_year=y)] == ["2/QĐ-B"]
    assert [d.number for d in selectors.decision_list(actor=world.officer_dept, issuer_query="THCS")] == ["1/QĐ-A"]


def test_award_search_by_unit_kind_and_name(world):
    _decide(world.officer_school_a, world.school_a, "1/QĐ-A", [AwardSpec("GK", person=world.person_a)])
    _decide(world.officer_dept, world.dept, "5/QĐ-SGD", [AwardSpec("TTLDTT", unit=world.school_b)])
    found = selectors.award_search(actor=world.officer_dept, unit=world.school_b)
    assert [a.decision.number for a in found] == ["5/QĐ-SGD"]
    assert [a.person for a in selectors.award_search(actor=world.officer_dept, kind_code="GK")] == [world.person_a]
    assert [a.unit for a in selectors.award_search(actor=world.officer_dept, query="tieu hoc")] == [world.school_b]
    # The teacher finds her own award, nothing else.
    assert [a.person for a in selectors.award_search(actor=world.teacher_a)] == [world.person_a]


def test_unit_lineage_follows_successors_transitively(world):
    from tests.factories import make_unit

    old = make_unit(code="OLD-1", name="Trường cũ 1", kind="school", parent=world.commune)
    older = make_unit(code="OLD-2", name="Trường cũ 2", kind="school", parent=world.commune)
    old.successor = world.school_a
    old.save(update_fields=["successor"])
    older.successor = old
    older.save(update_fields=["successor"])
    assert {u.code for u in selectors.unit_lineage(world.school_a)} == {"THCS-YT", "OLD-1", "OLD-2"}
