"""The round from self-scoring to a corrected publication, and the refusals on the way."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.core.errors import Conflict, DomainError, PermissionDenied
from thidua.scoring import publishing, services
from thidua.scoring.models import Publication, ScoreEntry
from thidua.scoring.selectors import cluster_leader_fact
from thidua.scoring.services import Value

from .factories import FULL, make_scoring, pdf, self_score

pytestmark = pytest.mark.django_db
LOWER = {"I.1": "6", "I.2": "6", "II": "1", "III": "0", "IV": "1"}


@pytest.fixture
def s(world):
    return make_scoring(world)


def test_the_walk_self_reviewer_peer_return_answer_publish_tie_correction(world, s):
    a, d, e = s.submission(world.school_a), s.submission(s.school_d), s.submission(s.school_e)
    self_score(world.officer_school_a, a, FULL)
    self_score(s.officer_d, d, LOWER)
    self_score(s.officer_e, e, LOWER)
    # The organiser's reviewer lowers one criterion, with a reason; the self layer stays.
    services.scores_enter(actor=world.officer_dept, submission=a, tier="organiser", values=[Value("I.2", "6.5", "Thiếu biên bản")])
    # A peer scores A.
    services.scores_enter(actor=s.officer_d, submission=a, tier="peer", values=[Value("I.1", "7")])
    a.refresh_from_db()
    assert a.status == "in_review"
    assert ScoreEntry.objects.filter(submission=a, criterion__code="I.2").count() == 2
    # Return naming one criterion; only it is editable.
    services.submission_return(actor=world.officer_dept, submission=a, criteria=["I.1"], reason="Minh chứng chưa rõ")
    a.refresh_from_db()
    with pytest.raises(Conflict) as refused:
        services.scores_enter(actor=world.officer_school_a, submission=a, tier="self", values=[Value("I.2", "10")])
    assert refused.value.code == "not_returned"
    services.scores_enter(actor=world.officer_school_a, submission=a, tier="self", values=[Value("I.1", "9")])
    services.submission_submit(actor=world.officer_school_a, submission=a, answer="Đã bổ sung")
    a.refresh_from_db()
    assert a.status == "submitted" and a.revisions.get().answer == "Đã bổ sung"
    # Publishing with submissions still in review is refused.
    with pytest.raises(DomainError) as refused:
        publishing.round_publish(actor=world.officer_dept, scoring_round=s.round)
    assert refused.value.code == "round_not_ready"
    for sub in (a, d, e):
        sub.refresh_from_db()
        services.submission_approve(actor=world.officer_dept, submission=sub)
    first = publishing.round_publish(actor=world.officer_dept, scoring_round=s.round, decision_number="12/QĐ-UBND")
    results = {r.unit_id: r for r in first.results.all()}
    # A: peer 7 (over self 9) + organiser 6.5 + bonus 1 = 14.5; D and E tie at 13 and share rank 2.
    assert results[world.school_a.pk].total == Decimal("14.5") and results[world.school_a.pk].rank == 1
    assert results[world.school_a.pk].leader and results[world.school_a.pk].band == "Khá"
    assert results[s.school_d.pk].rank == results[s.school_e.pk].rank == 2
    assert first.snapshot["units"][0]["layers"]["self"]["I.1"] == "9.00"
    assert cluster_leader_fact(world.school_a.pk, 2025) is True
    assert cluster_leader_fact(s.school_d.pk, 2025) is False
    assert cluster_leader_fact(world.school_b.pk, 2025) is None
    # A correction: the organiser re-scores E; the new publication supersedes the first, which stays.
    e.refresh_from_db()
    services.scores_enter(actor=world.officer_dept, submission=e, tier="organiser", values=[Value("I.1", "7", "Bổ sung minh chứng")])
    second = publishing.round_correct(actor=world.officer_dept, scoring_round=s.round, supersedes=first, reason="Sai sót khi cộng điểm")
    assert second.version == 2 and second.supersedes == first and second.kind == "correction"
    ranks = {r.unit_id: r.rank for r in second.results.all()}
    assert ranks[s.school_e.pk] == 2 and ranks[s.school_d.pk] == 3
    assert not Publication.objects.get(pk=first.pk).is_current and second.is_current
    assert first.results.get(unit=s.school_e).rank == 2  # the old result is kept as it was
    with pytest.raises(Conflict):
        publishing.round_correct(actor=world.officer_dept, scoring_round=s.round, supersedes=first, reason="Lại")


def test_score_above_max_or_off_step_is_refused_never_clamped(world, s):
    a = s.submission(world.school_a)
    for value, code in (("12", "score_out_of_range"), ("2.3", "score_off_step"), ("abc", "invalid_points")):
        with pytest.raises(DomainError) as refused:
            services.scores_enter(actor=world.officer_school_a, submission=a, tier="self", values=[Value("I.1", value)])
        assert refused.value.code == code
    assert not ScoreEntry.objects.filter(submission=a, criterion__code="I.1").exists()


def test_submitting_without_required_evidence_is_refused(world, s):
    a = s.submission(world.school_a)
    services.scores_enter(actor=world.officer_school_a, submission=a, tier="self", values=services.values_from(FULL))
    with pytest.raises(DomainError) as refused:
        services.submission_submit(actor=world.officer_school_a, submission=a)
    assert refused.value.code == "evidence_required"
    a.refresh_from_db()
    assert a.status == "draft"


def test_a_peer_scoring_its_own_unit_gets_self_scoring(world, s):
    a = s.submission(world.school_a)
    self_score(world.officer_school_a, a)
    with pytest.raises(PermissionDenied) as refused:
        services.scores_enter(actor=world.officer_school_a, submission=a, tier="peer", values=[Value("I.1", "5")], as_unit=world.school_a)
    assert refused.value.code == "self_scoring" and refused.value.status == 403
    with pytest.raises(PermissionDenied) as refused:
        services.peers_assign(actor=world.admin, scoring_round=s.round, pairs=[(world.school_a, world.school_a)])
    assert refused.value.code == "self_scoring"


def test_the_automatic_criterion_records_its_source(world, s):
    entry = ScoreEntry.objects.get(submission=s.submission(world.school_a), criterion__code="V")
    assert entry.actor is None and "Lao động tiên tiến" in entry.reason


def test_a_reviewer_changing_a_value_must_say_why(world, s):
    a = s.submission(world.school_a)
    self_score(world.officer_school_a, a)
    with pytest.raises(DomainError) as refused:
        services.scores_enter(actor=world.officer_dept, submission=a, tier="organiser", values=[Value("I.2", "5")])
    assert refused.value.code == "reason_required"


def test_a_published_sheet_cannot_be_changed(world, s):
    from thidua.scoring import sheets

    with pytest.raises(Conflict) as refused:
        sheets.criterion_add(actor=world.admin, sheet=s.sheet, code="VI", text="Mới", max_points=1)
    assert refused.value.code == "immutable"


def test_evidence_of_the_wrong_type_is_refused(world, s):
    a = s.submission(world.school_a)
    with pytest.raises(DomainError) as refused:
        services.evidence_add(
            actor=world.officer_school_a, submission=a, criterion_code="I.1", upload=SimpleUploadedFile("x.pdf", b"MZ\x90")
        )
    assert refused.value.code == "invalid_file_type"
    services.evidence_add(actor=world.officer_school_a, submission=a, criterion_code="I.1", upload=pdf())
    assert a.evidence.count() == 1


def test_a_leader_tie_needs_the_councils_designation(world, s):
    for unit, officer in ((world.school_a, world.officer_school_a), (s.school_d, s.officer_d), (s.school_e, s.officer_e)):
        sub = s.submission(unit)
        self_score(officer, sub, FULL)
        sub.refresh_from_db()
        services.submission_approve(actor=world.officer_dept, submission=sub)
    with pytest.raises(DomainError) as refused:
        publishing.round_publish(actor=world.officer_dept, scoring_round=s.round)
    assert refused.value.code == "leader_tie"
    publication = publishing.round_publish(
        actor=world.officer_dept, scoring_round=s.round, designated=s.school_d, decision_date=dt.date(2026, 6, 1)
    )
    assert [r.unit_id for r in publication.results.filter(leader=True)] == [s.school_d.pk]


def test_units_that_did_not_submit_are_listed_apart(world, s):
    a = s.submission(world.school_a)
    self_score(world.officer_school_a, a)
    a.refresh_from_db()
    services.submission_approve(actor=world.officer_dept, submission=a)
    publication = publishing.round_publish(actor=world.officer_dept, scoring_round=s.round)
    assert publication.results.filter(rank__isnull=True).count() == 2


def _criterion(unit, text_code="CO_BO_TINH"):
    from thidua.rules.engine.outcomes import Status
    from thidua.rules.selectors import evaluate_unit

    evaluation = evaluate_unit(actor=_admin(), unit=unit, year=2025, codes=[text_code])
    outcome = next(o for o in evaluation.collectives[0].outcomes if o.code == text_code)
    lead = next(c for c in outcome.criteria if "cụm" in c.reason)
    return lead.status is Status.MET, lead.reason


def _admin():
    from thidua.accounts.models import User

    return User.objects.get(username="admin")


def test_the_co_thi_dua_outcome_of_the_leader_reads_the_published_result(world, s):
    for unit, officer, values in (
        (world.school_a, world.officer_school_a, FULL),
        (s.school_d, s.officer_d, LOWER),
        (s.school_e, s.officer_e, LOWER),
    ):
        sub = s.submission(unit)
        self_score(officer, sub, values)
        sub.refresh_from_db()
        services.submission_approve(actor=world.officer_dept, submission=sub)
    first = publishing.round_publish(actor=world.officer_dept, scoring_round=s.round)
    met, reason = _criterion(world.school_a)
    assert met and "Dẫn đầu cụm" in reason
    # A correction that takes the lead from A: the superseded publication no longer makes A a leader.
    a = s.submission(world.school_a)
    services.scores_enter(actor=world.officer_dept, submission=a, tier="organiser", values=[Value("I.1", "0", "Không có minh chứng")])
    publishing.round_correct(actor=world.officer_dept, scoring_round=s.round, supersedes=first, reason="Đính chính", designated=s.school_d)
    assert cluster_leader_fact(world.school_a.pk, 2025) is False
    assert not _criterion(world.school_a)[0]
