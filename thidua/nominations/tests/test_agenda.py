"""The round meets the council: lines onto the agenda as ballot items, and the tally moving the lines back."""

from __future__ import annotations

import pytest

from tests.factories_nominations import line_of_teacher_a, round_of_school_a
from thidua.audit.models import AuditEvent
from thidua.core.errors import Conflict, DomainError, PermissionDenied
from thidua.councils import ballots, hooks
from thidua.councils import services as council_services
from thidua.councils.models import BallotItem
from thidua.councils.tests.factories import cast_all, make_council, open_session
from thidua.nominations import agenda, services
from thidua.nominations.models import NominationLine

pytestmark = pytest.mark.django_db


def cstdcs_line(world):
    round_ = round_of_school_a(world)
    return services.line_add(actor=world.admin, round_=round_, person=world.colleague_a, kind_code="CSTDCS", reason="Sáng kiến",
                             justification="Sáng kiến đang chờ công nhận")  # fmt: skip


def test_the_hook_is_registered_by_the_nominations_app():
    assert agenda.on_item_tallied in hooks._TALLIED


def test_putting_every_proposed_line_on_the_agenda_creates_its_ballot_items(world):
    ldtt = line_of_teacher_a(world)
    cstdcs = cstdcs_line(world)
    board = make_council(world, size=3)
    session = open_session(world, board)

    items = agenda.lines_to_agenda(actor=world.officer_school_a, round_=ldtt.round, session=session)

    assert {i.line_id for i in items} == {ldtt.pk, cstdcs.pk}
    by_line = {i.line_id: i for i in items}
    assert (by_line[ldtt.pk].person, by_line[ldtt.pk].kind_code) == (world.person_a, "LDTT")
    assert by_line[cstdcs.pk].person == world.colleague_a and by_line[cstdcs.pk].kind_code == "CSTDCS"
    lowers = [o["code"] for o in by_line[cstdcs.pk].lower_options]
    assert set(lowers) <= {"LDTT"}  # only rungs below, and only those the engine finds her qualified for
    assert NominationLine.objects.filter(pk__in=[ldtt.pk, cstdcs.pk], state="on_agenda").count() == 2
    assert AuditEvent.objects.filter(verb="ballot_item.added").count() == 2
    assert AuditEvent.objects.filter(verb="nomination_line.on_agenda").count() == 2
    with pytest.raises(DomainError) as e:  # nothing left to put
        agenda.lines_to_agenda(actor=world.officer_school_a, round_=ldtt.round, session=session)
    assert e.value.code == "nothing_to_put"


def test_lower_titles_are_those_the_engine_qualifies_the_nominee_for(world):
    line = cstdcs_line(world)
    found = agenda.qualified_lower([line], line.school_year)[line.pk]
    from thidua.nominations.basis import evaluate_subject

    expected = [c for c in services.lower_codes("CSTDCS") if evaluate_subject(school_year=line.school_year, code=c,
                                                                             person=world.colleague_a).verdict in agenda.QUALIFIED]  # fmt: skip
    assert found == expected


def test_a_line_already_on_the_agenda_is_refused_and_nothing_is_written(world):
    line = line_of_teacher_a(world)
    board = make_council(world, size=3)
    session = open_session(world, board)
    agenda.lines_to_agenda(actor=world.admin, round_=line.round, session=session, lines=[line])
    before = BallotItem.objects.count()
    with pytest.raises(Conflict):
        agenda.lines_to_agenda(actor=world.admin, round_=line.round, session=session, lines=[line])
    assert BallotItem.objects.count() == before


def test_a_session_of_another_school_is_refused(world):
    line = line_of_teacher_a(world)
    board = make_council(world, size=3, unit=world.school_b, prefix="hdb")
    session = open_session(world, board)
    with pytest.raises(DomainError) as e:
        agenda.lines_to_agenda(actor=world.admin, round_=line.round, session=session)
    assert e.value.code == "session_of_another_council"
    line.refresh_from_db()
    assert line.state == "proposed" and not BallotItem.objects.exists()


def test_the_sibling_school_cannot_put_school_as_lines_on_the_agenda(world):
    line = line_of_teacher_a(world)
    board = make_council(world, size=3)
    session = open_session(world, board)
    with pytest.raises(PermissionDenied):
        agenda.lines_to_agenda(actor=world.officer_school_b, round_=line.round, session=session)
    assert not BallotItem.objects.exists()


def test_the_tally_of_a_linked_item_moves_its_line(world):
    line = cstdcs_line(world)
    board = make_council(world, size=3)
    session = open_session(world, board)
    (item,) = agenda.lines_to_agenda(actor=world.admin, round_=line.round, session=session, lines=[line])
    cast_all(board, item, ["agree"] * 3)

    ballots.item_tally(actor=world.admin, item=item)

    line.refresh_from_db()
    assert (line.state, line.granted_code) == ("passed", "CSTDCS")
    step = line.transitions.latest("id")
    assert "3/3" in step.note  # the minutes' count is the step's note
    assert AuditEvent.objects.filter(verb="nomination_line.passed").count() == 1


def test_a_failed_tally_fails_the_line(world):
    line = line_of_teacher_a(world)
    board = make_council(world, size=3)
    session = open_session(world, board)
    (item,) = agenda.lines_to_agenda(actor=world.admin, round_=line.round, session=session, lines=[line])
    cast_all(board, item, ["disagree"] * 3)
    ballots.item_tally(actor=world.admin, item=item)
    line.refresh_from_db()
    assert (line.state, line.granted_code) == ("failed", "")


def test_the_tally_of_an_unlinked_item_moves_nothing(world):
    line = line_of_teacher_a(world)
    services.line_put_on_agenda(actor=world.admin, line=line)
    board = make_council(world, size=3)
    session = open_session(world, board)
    item = council_services.item_add(actor=world.admin, session=session, kind_code="LDTT", person=world.person_a)
    cast_all(board, item, ["agree"] * 3)
    ballots.item_tally(actor=world.admin, item=item)
    line.refresh_from_db()
    assert line.state == "on_agenda" and not AuditEvent.objects.filter(verb__startswith="nomination_line.passed").exists()


def test_a_failing_hook_rolls_the_tally_back(world):
    from django.db import transaction

    line = line_of_teacher_a(world)
    board = make_council(world, size=3)
    session = open_session(world, board)
    (item,) = agenda.lines_to_agenda(actor=world.admin, round_=line.round, session=session, lines=[line])
    cast_all(board, item, ["agree"] * 3)

    def boom(**_kwargs):
        raise RuntimeError("hook failed")

    hooks.on_tallied(boom)
    try:
        with pytest.raises(RuntimeError), transaction.atomic():
            ballots.item_tally(actor=world.admin, item=item)
    finally:
        hooks._TALLIED.remove(boom)
    item.refresh_from_db()
    line.refresh_from_db()
    assert item.status == "open" and line.state == "on_agenda" and not hasattr(item, "tally")


def test_the_api_puts_lines_on_the_agenda_and_feeds_registrations(world):
    from thidua.api.tests.conftest import ApiClient

    line = line_of_teacher_a(world)
    session = open_session(world, make_council(world, size=3))
    api = ApiClient(world.officer_school_a)

    unknown = api.post(f"/review-rounds/{line.round_id}/agenda", {"session": session.pk + 1000})
    assert unknown.status_code == 400 and unknown.json()["code"] == "unknown_session"
    response = api.post(f"/review-rounds/{line.round_id}/agenda", {"session": session.pk, "lines": [line.pk]})
    assert response.status_code == 201, response.content
    (item,) = response.json()
    assert (item["line"], item["person"], item["kind_code"]) == (line.pk, world.person_a.pk, "LDTT")
    assert ApiClient(world.officer_school_b).post(f"/review-rounds/{line.round_id}/agenda", {"session": session.pk}).status_code == 404
    fed = api.post(f"/review-rounds/{line.round_id}/lines/from-registrations", {})
    assert fed.status_code == 201 and fed.json() == []


def test_the_round_page_offers_the_agenda_and_the_registrations(client, world):
    from django.urls import reverse

    line = line_of_teacher_a(world)
    session = open_session(world, make_council(world, size=3))
    client.force_login(world.officer_school_a)
    body = client.get(reverse("nominations:round", kwargs={"pk": line.round_id})).content.decode()
    assert "Đưa đề nghị ra Hội đồng" in body and "Thêm từ đăng ký thi đua" in body
    page = client.get(reverse("nominations:agenda", kwargs={"pk": line.round_id})).content.decode()
    assert "20/05/2026" in page and world.person_a.full_name in page
    response = client.post(reverse("nominations:agenda", kwargs={"pk": line.round_id}), {"session": str(session.pk)})
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.state == "on_agenda" and BallotItem.objects.get().line_id == line.pk
    refused = client.post(reverse("nominations:from_registrations", kwargs={"pk": line.round_id}), {})
    assert refused.status_code == 200 and "Không có đăng ký thi đua nào" in refused.content.decode()


def test_the_batch_keeps_the_basis_when_the_facts_did_not_change_and_refreshes_it_when_they_did(world):
    import datetime as dt

    from thidua.people.models import Discipline

    kept = line_of_teacher_a(world)
    changed = cstdcs_line(world)
    sha_kept, sha_changed = kept.facts_sha256, changed.facts_sha256
    Discipline.objects.create(person=world.colleague_a, form="reprimand", start_date=dt.date(2025, 10, 1))  # a new fact of hers
    session = open_session(world, make_council(world, size=3))

    agenda.lines_to_agenda(actor=world.admin, round_=kept.round, session=session)

    kept.refresh_from_db()
    changed.refresh_from_db()
    assert kept.facts_sha256 == sha_kept and "Dữ kiện đã thay đổi" not in kept.transitions.latest("id").note
    assert changed.facts_sha256 != sha_changed and "Dữ kiện đã thay đổi" in changed.transitions.latest("id").note
