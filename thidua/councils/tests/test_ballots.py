"""The council's workflow end to end: composition, quorum, casting, written votes, tally, the engine's facts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.audit.models import AuditEvent
from thidua.core.errors import Conflict, DomainError, PermissionDenied
from thidua.councils import ballots, services
from thidua.councils.models import BallotBox, BallotReceipt, Tally, WrittenVote
from thidua.rules.models import BallotTally, Confirmation

from .factories import HELD_ON, cast_all, make_council, open_session, pdf

pytestmark = pytest.mark.django_db


def item_for(world, board, code="CSTDCS", lower=()):
    return services.item_add(actor=world.admin, session=board.session, kind_code=code, person=world.colleague_a, lower_codes=list(lower))


def test_cstdcs_passes_at_eighty_percent_of_the_council_and_the_engine_reads_it(world):
    board = make_council(world, size=9)
    open_session(world, board)
    item = item_for(world, board)
    cast_all(board, item, ["agree"] * 8 + ["disagree"])
    tally = ballots.item_tally(actor=world.admin, item=item)
    assert (tally.outcome, tally.granted_code, tally.fraction, tally.support) == ("passed", "CSTDCS", "8/9", 8)
    fact = BallotTally.objects.get(person=world.colleague_a, code="CSTDCS")
    assert (fact.total_members, fact.in_favour, fact.in_favour_written) == (9, 8, 0)
    assert "8/9" in fact.basis
    item.refresh_from_db()
    assert item.status == "tallied" and item.transitions.count() == 1


def test_eighty_percent_of_those_present_fails_a_cstdcs_line(world):
    board = make_council(world, size=15)
    open_session(world, board, absent=5)  # 10 present: the quorum of 2/3 is met
    item = item_for(world, board)
    cast_all(board, item, ["agree"] * 8 + ["disagree"] * 2)  # 80 % of those present, 8/15 of the council
    tally = ballots.item_tally(actor=world.admin, item=item)
    assert tally.outcome == "failed" and tally.fraction == "8/15"
    assert not Confirmation.objects.filter(person=world.colleague_a).exists()  # a failed vote confirms nothing
    assert BallotTally.objects.get(person=world.colleague_a, code="CSTDCS").in_favour == 8  # the engine judges it: fails


def test_support_for_the_higher_title_counts_for_the_lower_one(world):
    board = make_council(world, size=9)
    open_session(world, board)
    item = item_for(world, board, lower=["LDTT"])
    cast_all(board, item, ["agree"] * 6 + ["lower:LDTT"] * 2 + ["disagree"])
    tally = ballots.item_tally(actor=world.admin, item=item)
    assert (tally.outcome, tally.granted_code, tally.support) == ("passed_lower", "LDTT", 8)
    confirmed = Confirmation.objects.get(person=world.colleague_a, fact="ldtt_qualities")  # the LĐTT rule's quality, from the minutes
    assert confirmed.value is True and "8/9" in confirmed.basis


def test_a_lower_option_must_be_below_the_title(world):
    board = make_council(world, size=3)
    open_session(world, board)
    with pytest.raises(DomainError) as exc:
        item_for(world, board, code="LDTT", lower=["CSTDCS"])
    assert exc.value.code == "invalid_lower_option"


def test_an_even_council_at_a_school_is_refused(world):
    board = make_council(world, size=4, activate=False)
    with pytest.raises(DomainError) as exc:
        services.council_activate(actor=world.admin, council=board.council)
    assert exc.value.code == "council_even_members"
    board.council.refresh_from_db()
    assert board.council.status == "draft"


def test_a_member_outside_the_unit_is_refused(world):
    board = make_council(world, size=3)
    with pytest.raises(DomainError) as exc:
        services.member_add(actor=world.admin, council=board.council, person=world.person_b, amending_decision="02/QĐ")
    assert exc.value.code == "member_outside_unit"


def test_opening_below_quorum_is_refused_and_nothing_changes(world):
    board = make_council(world, size=9)
    session = services.session_create(actor=world.admin, council=board.council, held_on=HELD_ON)
    for member in board.members[:5]:
        services.attendance_set(actor=world.admin, session=session, member=member, status="present")
    with pytest.raises(DomainError) as exc:
        services.session_open(actor=world.admin, session=session)
    assert exc.value.code == "no_quorum"
    session.refresh_from_db()
    assert session.status == "scheduled" and not session.transitions.exists()


def test_a_second_ballot_a_non_member_and_a_ballot_after_the_tally_are_refused(world):
    board = make_council(world, size=3)
    open_session(world, board)
    item = item_for(world, board)
    ballots.ballot_cast(actor=board.users[0], item=item, choice="agree")
    with pytest.raises(Conflict) as exc:
        ballots.ballot_cast(actor=board.users[0], item=item, choice="disagree")
    assert exc.value.code == "already_voted"
    with pytest.raises(PermissionDenied) as exc:
        ballots.ballot_cast(actor=world.officer_school_a, item=item, choice="agree")
    assert exc.value.code == "not_a_member"
    ballots.item_tally(actor=world.admin, item=item)
    with pytest.raises(DomainError) as exc:
        ballots.ballot_cast(actor=board.users[1], item=item, choice="agree")
    assert exc.value.code == "item_closed"
    with pytest.raises(Conflict) as exc:
        ballots.item_tally(actor=world.admin, item=item)
    assert exc.value.code == "already_tallied"
    assert BallotReceipt.objects.filter(item=item).count() == 1
    assert sum(BallotBox.objects.filter(item=item).values_list("count", flat=True)) == 1


def test_a_member_who_is_the_nominee_is_recused(world):
    board = make_council(world, size=3)
    open_session(world, board)
    nominee = board.members[2].person
    item = services.item_add(actor=world.admin, session=board.session, kind_code="LDTT", person=nominee)
    with pytest.raises(PermissionDenied) as exc:
        ballots.ballot_cast(actor=board.users[2], item=item, choice="agree")
    assert exc.value.code == "recused"


def test_written_votes_need_a_scan_and_the_chairs_confirmation(world):
    board = make_council(world, size=9)
    open_session(world, board, written=1)
    item = item_for(world, board)
    absent = board.members[-1]
    with pytest.raises(DomainError) as exc:
        ballots.written_vote_enter(actor=board.users[1], session=board.session, member=absent, choices={item.pk: "agree"}, scan=None)
    assert exc.value.code == "scan_required"
    assert not WrittenVote.objects.exists()
    vote = ballots.written_vote_enter(actor=board.users[1], session=board.session, member=absent, choices={item.pk: "agree"}, scan=pdf())
    with pytest.raises(PermissionDenied):
        ballots.written_vote_confirm(actor=board.users[1], vote=vote)  # the secretary does not confirm
    ballots.written_vote_confirm(actor=board.users[0], vote=vote)
    vote.refresh_from_db()
    assert vote.pending == {} and vote.confirmed_by == board.users[0]
    cast_all(board, item, ["agree"] * 7)
    tally = ballots.item_tally(actor=world.admin, item=item)
    assert (tally.support, tally.agree_written, tally.outcome) == (8, 1, "passed")
    assert BallotTally.objects.get(person=world.colleague_a, code="CSTDCS").in_favour_written == 1


def test_no_table_links_a_ballot_to_its_voter(world):
    """Schema: the tables holding a choice have no key to a member, a person or a user, and no time; rows:
    after the casts, no row of the app and no audit row holds a member together with a choice."""
    from django.apps import apps

    for model in apps.get_app_config("councils").get_models():
        names = {f.name for f in model._meta.get_fields()}
        holds_choice = names & {"option", "choice", "counts", "pending"}
        if model.__name__ in ("BallotBox", "Tally", "PaperCount"):
            related = {f.related_model.__name__ for f in model._meta.fields if f.is_relation}
            assert not related & {"CouncilMember", "Person", "User"} - {"User"} or model.__name__ != "BallotBox", model
            assert not {"member", "person"} & names, model
        if model.__name__ == "BallotBox":
            assert names == {"id", "item", "option", "written", "count"}
        if model.__name__ == "BallotReceipt":
            assert names == {"id", "item", "member", "channel"}  # no choice, no time
        if holds_choice and "member" in names:
            assert model.__name__ == "WrittenVote"  # a signed paper; its choices are emptied on confirmation
    board = make_council(world, size=3)
    open_session(world, board)
    item = item_for(world, board)
    cast_all(board, item, ["agree", "disagree", "agree"])
    for event in AuditEvent.objects.filter(verb="ballot.cast"):
        assert "agree" not in str(event.after) and "disagree" not in str(event.after) and "choice" not in str(event.after)
    assert set(BallotReceipt.objects.filter(item=item).values_list("channel", flat=True)) == {"electronic"}


def test_paper_counts_must_add_up(world):
    board = make_council(world, size=3)
    open_session(world, board, mode="paper")
    item = item_for(world, board)
    with pytest.raises(DomainError) as exc:
        ballots.paper_count_enter(actor=world.admin, item=item, issued=3, returned=3, valid=3, invalid=0,
                                  counts={"agree": 2, "disagree": 0}, scan=pdf())  # fmt: skip
    assert exc.value.code == "count_mismatch"
    ballots.paper_count_enter(actor=world.admin, item=item, issued=3, returned=3, valid=3, invalid=0, counts={"agree": 3}, scan=pdf())
    assert ballots.item_tally(actor=world.admin, item=item).outcome == "passed"


def test_a_revote_is_a_new_item_with_a_reason(world):
    board = make_council(world, size=3)
    open_session(world, board)
    item = item_for(world, board)
    ballots.item_tally(actor=world.admin, item=item)
    with pytest.raises(DomainError) as exc:
        services.item_add(actor=world.admin, session=board.session, kind_code="CSTDCS", person=world.colleague_a, supersedes=item)
    assert exc.value.code == "required"
    again = services.item_add(actor=world.admin, session=board.session, kind_code="CSTDCS", person=world.colleague_a, supersedes=item,
                              reason="Phiếu không hợp lệ")  # fmt: skip
    assert again.supersedes == item and Tally.objects.count() == 1


def test_a_written_vote_scan_must_be_a_scan(world):
    board = make_council(world, size=3)
    open_session(world, board, written=1)
    item = item_for(world, board)
    fake = SimpleUploadedFile("x.pdf", b"not a pdf", content_type="application/pdf")
    with pytest.raises(DomainError) as exc:
        ballots.written_vote_enter(
            actor=world.admin, session=board.session, member=board.members[-1], choices={item.pk: "agree"}, scan=fake
        )
    assert exc.value.code == "invalid_file_type"


def test_the_officer_of_the_sibling_school_cannot_act(world):
    board = make_council(world, size=3)
    with pytest.raises(PermissionDenied):
        services.session_create(actor=world.officer_school_b, council=board.council, held_on=dt.date(2026, 5, 20))
