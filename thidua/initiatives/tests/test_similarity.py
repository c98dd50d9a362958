"""Near-duplicate scores (pure) and the similarity panel's pool (scoped; a very close match needs a ruling)."""

from __future__ import annotations

import datetime as dt

import pytest

from thidua.core.errors import DomainError
from thidua.initiatives import selectors, services, similarity
from thidua.initiatives.similarity import Doc, passages, rank, score
from thidua.initiatives.states import INITIATIVE

from . import factories as f

A = Doc(1, f.TITLE, f"{f.SUMMARY} {f.SOLUTION}")
P = Doc(2, f.PARAPHRASE["title"], f"{f.PARAPHRASE['summary']} {f.PARAPHRASE['solution']}")
OTHER = Doc(3, "Ứng dụng bản đồ tư duy trong dạy học Lịch sử lớp 6", "Học sinh vẽ bản đồ tư duy cho mỗi bài, giáo viên chấm theo nhóm.")


def test_identical_text_scores_one_and_scores_are_symmetric():
    assert score(A, Doc(9, A.title, A.body)) == pytest.approx(1.0)
    assert score(A, P) == score(P, A)
    assert score(A, OTHER) == score(OTHER, A)


def test_diacritics_and_case_do_not_matter():
    assert score(Doc(1, "Giải pháp dạy Hóa học", "Thí nghiệm nhóm"), Doc(2, "giai phap day hoa hoc", "thi nghiem nhom")) == pytest.approx(
        1.0
    )


def test_a_paraphrase_is_very_close_and_an_unrelated_one_is_not():
    ranked = rank(A, [OTHER, P])
    assert [m.key for m in ranked] == [2, 3]
    assert ranked[0].score >= similarity.VERY_CLOSE > similarity.SIMILAR > ranked[1].score


def test_stop_phrases_do_not_inflate_the_title_score():
    a = Doc(1, "Một số biện pháp nâng cao chất lượng dạy Toán", "x")
    b = Doc(2, "Một số biện pháp nâng cao chất lượng dạy Âm nhạc", "y")
    assert rank(a, [b])[0].title_score < 0.5


def test_passages_mark_the_differing_words():
    runs = passages("Học sinh làm thí nghiệm theo nhóm nhỏ", "Hoc sinh lam thi nghiem theo cap")
    assert runs == [("Học sinh làm thí nghiệm theo", True), ("nhóm nhỏ", False)]


def test_the_workflow_table_reaches_every_state():
    assert INITIATIVE.reachable() == set(INITIATIVE.states.values)
    assert [t.action for t in INITIATIVE.allowed_actions("draft", {"staff"})] == ["submit", "withdraw"]
    assert not INITIATIVE.allowed_actions("in_review", {"staff"}) or all(
        t.action == "withdraw" for t in INITIATIVE.allowed_actions("in_review", {"staff"})
    )


@pytest.mark.django_db
def test_a_paraphrase_of_last_years_initiative_at_another_school_is_flagged_and_needs_a_ruling(world):
    from tests.factories import make_person

    # Last year at school B: recognised at the unit's scope (its own council and officer).
    from thidua.initiatives.models import CouncilSeat, InitiativeCouncil

    last = f.year("2024-2025")
    b_teacher = make_person(name="Đỗ Thị Lan", unit=world.school_b)
    earlier = f.draft(world, actor=world.officer_school_b, unit=world.school_b, authors=[(b_teacher, 100)], school_year=last,
                      on=dt.date(2025, 3, 1), applied_from=dt.date(2024, 9, 5))  # fmt: skip
    council = InitiativeCouncil.objects.create(unit=world.school_b, school_year=last, created_by=world.officer_school_b)
    CouncilSeat.objects.create(council=council, person=world.person_b)
    services.initiative_submit(actor=world.officer_school_b, initiative=earlier)
    services.initiative_put_to_council(actor=world.officer_school_b, initiative=earlier)
    from tests.factories import UserFactory, grant

    b_member = UserFactory(username="member_b", person=world.person_b)
    grant(b_member, "council_member", world.school_b)
    services.score_submit(actor=b_member, initiative=earlier, points=f.POINTS)
    services.initiative_recognise(actor=world.officer_school_b, initiative=earlier, scope="unit", body=world.school_b, decision_number="9/QĐ",
                                  decision_date=dt.date(2025, 5, 10), on=dt.date(2025, 5, 11))  # fmt: skip

    mine = f.scored(world, **f.PARAPHRASE)  # submission still succeeds
    found = selectors.similar(actor=f.member_user(world), initiative=mine)
    assert [s.candidate.pk for s in found] == [earlier.pk]
    hit = found[0]
    assert hit.very_close and hit.restricted and hit.summary_runs == []  # outside school A: title, unit, year only
    with pytest.raises(DomainError) as exc:
        services.initiative_recognise(actor=world.head_a, initiative=mine, scope="unit", body=world.school_a, decision_number="30/QĐ",
                                      decision_date=dt.date(2026, 5, 20), on=dt.date(2026, 5, 21))  # fmt: skip
    assert exc.value.code == "similarity_pending"
    services.ruling_record(actor=world.officer_school_a, initiative=mine, candidate=earlier, disposition="not_duplicate",
                           note="Giải pháp khác về cách đánh giá")  # fmt: skip
    services.initiative_recognise(actor=world.head_a, initiative=mine, scope="unit", body=world.school_a, decision_number="30/QĐ",
                                  decision_date=dt.date(2026, 5, 20), on=dt.date(2026, 5, 21))  # fmt: skip
    # School B's officer sees school A's recognised paraphrase only as title, unit and year.
    [seen] = selectors.similar(actor=world.officer_school_b, initiative=earlier)
    assert seen.candidate.pk == mine.pk and seen.restricted and seen.summary_runs == []


@pytest.mark.django_db
def test_an_earlier_initiative_with_two_authors_is_listed_once(world):
    """The pool joins the authors (a reader who is an author sees it): two authors must not make two candidates."""
    from tests.factories import make_person

    other = make_person(name="Vũ Thị Lan", unit=world.school_a)
    earlier = f.recognised(world, authors=[(world.person_a, 50), (other, 50)], actor=world.officer_school_a)
    later = f.draft(world, actor=world.officer_school_a, submit=True, **f.PARAPHRASE)
    found = selectors.similar(actor=world.teacher_a, initiative=later)
    assert [s.candidate.pk for s in found] == [earlier.pk]
