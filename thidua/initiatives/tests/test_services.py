"""The initiative's path from draft to recognition, and every refusal (nothing saved)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from thidua.audit.models import AuditEvent
from thidua.awards.models import InitiativeRecord
from thidua.core.errors import Conflict, DomainError, PermissionDenied
from thidua.initiatives import selectors, services
from thidua.initiatives.models import Initiative, Recognition, Score

from . import factories as f

pytestmark = pytest.mark.django_db


def test_the_usual_path_writes_the_ledger_record_once_and_the_engine_sees_it(world):
    initiative = f.recognised(world)
    assert initiative.status == "recognised" and initiative.scope == "unit"
    recognition = Recognition.objects.get(initiative=initiative)
    record = InitiativeRecord.objects.get()
    assert recognition.record == record and record.scope == "unit" and record.unit == world.school_a
    assert list(record.authors.all()) == [world.person_a] and recognition.mean_score == Decimal(80)
    steps = list(initiative.transitions.values_list("action", flat=True))
    assert steps == ["submit", "review", "recognise"]
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {"initiative.created", "initiative.submitted", "initiative.scored", "initiative.recognised", "initiative.recorded"} <= verbs

    from thidua.rules.selectors import person_facts

    facts = person_facts([world.person_a.pk], day=dt.date(2026, 5, 31))[0]
    assert [(i.scope, i.title) for i in facts.initiatives] == [("unit", f.TITLE)]


def test_forwarding_and_recognising_at_province_scope_writes_a_second_record(world):
    initiative = f.recognised(world)
    services.initiative_forward(actor=world.officer_school_a, initiative=initiative)
    with pytest.raises(DomainError) as exc:  # a school may not grant province scope
        services.initiative_recognise(actor=world.officer_dept, initiative=initiative, scope="province", body=world.school_a,
                                      decision_number="1/QĐ", decision_date=dt.date(2026, 6, 1), on=dt.date(2026, 6, 2))  # fmt: skip
    assert exc.value.code == "scope_above_body"
    with pytest.raises(DomainError) as exc:
        services.initiative_recognise(actor=world.officer_dept, initiative=initiative, scope="national", body=world.ministry,
                                      decision_number="1/QĐ", decision_date=dt.date(2026, 6, 1), on=dt.date(2026, 6, 2))  # fmt: skip
    assert exc.value.code in ("scope_ladder", "forbidden")
    services.initiative_recognise(actor=world.officer_dept, initiative=initiative, scope="province", body=world.dept,
                                  decision_number="88/QĐ-SGDĐT", decision_date=dt.date(2026, 6, 1), on=dt.date(2026, 6, 2))  # fmt: skip
    initiative.refresh_from_db()
    assert initiative.scope == "province" and initiative.status == "recognised"
    assert sorted(InitiativeRecord.objects.values_list("scope", flat=True)) == ["province", "unit"]
    with pytest.raises(Conflict) as exc:
        services.initiative_recognise(actor=world.officer_dept, initiative=initiative, scope="province", body=world.dept,
                                      decision_number="89/QĐ", decision_date=dt.date(2026, 6, 1), on=dt.date(2026, 6, 2))  # fmt: skip
    assert exc.value.code == "already_recognised"


@pytest.mark.parametrize(
    ("authors", "code"),
    [
        ([], "authors_required"),
        ([("a", 60), ("c", 30)], "shares_not_100"),
        ([("a", 120), ("c", -20)], "share_invalid"),
        ([("a", 50), ("a", 50)], "duplicate_author"),
    ],
)
def test_authors_and_shares_are_checked_and_nothing_is_saved(world, authors, code):
    people = {"a": world.person_a, "c": world.colleague_a}
    with pytest.raises(DomainError) as exc:
        f.draft(world, authors=[(people[k], s) for k, s in authors], actor=world.officer_school_a)
    assert exc.value.code == code
    if code == "shares_not_100":
        assert exc.value.message == "Tổng tỷ lệ đóng góp của các tác giả phải bằng 100 % (hiện là 90 %)."
    assert not Initiative.objects.exists() and not AuditEvent.objects.filter(verb="initiative.created").exists()


def test_the_empty_author_list_is_refused_not_defaulted(world):
    from thidua.initiatives.reference import ensure_criteria

    ensure_criteria()
    with pytest.raises(DomainError) as exc:
        services.initiative_create(actor=world.officer_school_a, unit=world.school_a, school_year=f.year(), title="X", field="Toán",
                                   summary="Tóm tắt", solution="Giải pháp", authors=[])  # fmt: skip
    assert exc.value.code == "authors_required" and exc.value.message == "Sáng kiến cần ít nhất một tác giả."


def test_a_teacher_submits_only_as_an_author_and_with_colleagues_of_the_unit(world):
    with pytest.raises(PermissionDenied):
        f.draft(world, authors=[(world.colleague_a, 100)])
    with pytest.raises(DomainError) as exc:
        f.draft(world, authors=[(world.person_a, 50), (world.person_b, 50)])
    assert exc.value.code == "author_outside_unit"
    assert not Initiative.objects.exists()


def test_applied_from_in_the_future_is_refused(world):
    with pytest.raises(DomainError) as exc:
        f.draft(world, applied_from=dt.date(2027, 1, 1))
    assert exc.value.code == "not_yet_applied"


def test_scores_out_of_range_twice_or_by_a_non_member_are_refused(world):
    initiative = f.in_review(world)
    member = f.member_user(world)
    with pytest.raises(DomainError) as exc:
        services.score_submit(actor=member, initiative=initiative, points={**f.POINTS, "novelty": 31})
    assert exc.value.code == "score_out_of_range" and "30" in exc.value.message
    with pytest.raises(DomainError) as exc:
        services.score_submit(actor=member, initiative=initiative, points={"novelty": 10})
    assert exc.value.code == "criterion_missing"
    assert not Score.objects.exists()
    with pytest.raises(PermissionDenied) as exc:
        services.score_submit(actor=world.teacher_a, initiative=initiative, points=f.POINTS)
    assert exc.value.code == "not_a_member"
    services.score_submit(actor=member, initiative=initiative, points=f.POINTS)
    with pytest.raises(Conflict) as exc:
        services.score_submit(actor=member, initiative=initiative, points={**f.POINTS, "novelty": 5})
    assert exc.value.code == "already_scored"
    assert Score.objects.count() == 4 and selectors.result(initiative).mean == Decimal(80)


def test_recognition_needs_the_pass_mark(world):
    initiative = f.in_review(world)
    with pytest.raises(DomainError) as exc:
        services.initiative_recognise(actor=world.head_a, initiative=initiative, scope="unit", body=world.school_a, decision_number="1",
                                      decision_date=dt.date(2026, 5, 1), on=dt.date(2026, 5, 2))  # fmt: skip
    assert exc.value.code == "not_scored"
    services.score_submit(actor=f.member_user(world), initiative=initiative, points=dict.fromkeys(f.POINTS, 5))
    with pytest.raises(DomainError) as exc:
        services.initiative_recognise(actor=world.head_a, initiative=initiative, scope="unit", body=world.school_a, decision_number="1",
                                      decision_date=dt.date(2026, 5, 1), on=dt.date(2026, 5, 2))  # fmt: skip
    assert exc.value.code == "below_pass_mark"
    assert not InitiativeRecord.objects.exists()


def test_officer_of_school_b_cannot_touch_school_a(world):
    initiative = f.in_review(world)
    with pytest.raises(PermissionDenied):
        services.initiative_reject(actor=world.officer_school_b, initiative=initiative, reason="Không đạt")
    with pytest.raises(PermissionDenied):
        services.initiative_recognise(actor=world.officer_school_b, initiative=initiative, scope="unit", body=world.school_a,
                                      decision_number="1", decision_date=dt.date(2026, 5, 1), on=dt.date(2026, 5, 2))  # fmt: skip
    assert not selectors.visible(actor=world.officer_school_b).exists()


def test_blind_mode_hides_authors_from_the_council_until_the_result(world):
    f.council(world, blind=True)
    initiative = f.scored(world)
    member = f.member_user(world)
    assert selectors.authors_hidden(member, initiative)
    assert not selectors.authors_hidden(world.officer_school_a, initiative)
    assert not selectors.authors_hidden(world.teacher_a, initiative)
    services.initiative_recognise(actor=world.head_a, initiative=initiative, scope="unit", body=world.school_a, decision_number="1",
                                  decision_date=dt.date(2026, 5, 1), on=dt.date(2026, 5, 2))  # fmt: skip
    initiative.refresh_from_db()
    assert not selectors.authors_hidden(member, initiative)


def test_withdraw_by_the_author(world):
    initiative = f.draft(world, submit=True)
    services.initiative_withdraw(actor=world.teacher_a, initiative=initiative)
    initiative.refresh_from_db()
    assert initiative.status == "withdrawn"
    with pytest.raises(Conflict):
        services.initiative_submit(actor=world.teacher_a, initiative=initiative)
