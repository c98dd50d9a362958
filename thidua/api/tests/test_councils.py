"""``/api/v1/councils/``: the session, the secret ballot and the tally through the API; refusals are 4xx with a code and save nothing."""

from __future__ import annotations

import pytest

from thidua.councils import services
from thidua.councils.models import BallotReceipt, Tally
from thidua.councils.tests.factories import HELD_ON, make_council, open_session

from .conftest import ApiClient

pytestmark = pytest.mark.django_db


def test_members_vote_and_the_tally_reports_exact_counts(world):
    board = make_council(world, size=3)
    open_session(world, board)
    officer = ApiClient(world.officer_school_a)
    response = officer.post(f"/councils/sessions/{board.session.pk}/items", {"person": world.colleague_a.pk, "kind_code": "LDTT"})
    assert response.status_code == 201, response.content
    item = response.json()
    assert item["options"] == ["agree", "disagree"] and item["tally"] is None
    for user, choice in zip(board.users, ["agree", "agree", "disagree"], strict=True):
        assert ApiClient(user).post(f"/councils/items/{item['id']}/ballot", {"choice": choice}).status_code == 200
    second = ApiClient(board.users[0]).post(f"/councils/items/{item['id']}/ballot", {"choice": "agree"})
    assert second.status_code == 409 and second.json()["code"] == "already_voted"
    session = officer.get(f"/councils/sessions/{board.session.pk}").json()
    assert session["items"][0]["voted"] == 3 and session["items"][0]["tally"] is None  # counts hidden until the tally
    tally = officer.post(f"/councils/items/{item['id']}/tally", {}).json()["tally"]
    assert (tally["support"], tally["total_members"], tally["fraction"], tally["outcome"]) == (2, 3, "2/3", "passed")
    late = ApiClient(board.users[1]).post(f"/councils/items/{item['id']}/ballot", {"choice": "agree"})
    assert late.status_code == 400 and late.json()["code"] == "item_closed"


def test_a_non_member_cannot_cast_and_nothing_is_saved(world):
    board = make_council(world, size=3)
    open_session(world, board)
    item = services.item_add(actor=world.admin, session=board.session, kind_code="LDTT", person=world.colleague_a)
    response = ApiClient(world.head_a).post(f"/councils/items/{item.pk}/ballot", {"choice": "agree"})
    assert response.status_code == 403 and response.json()["code"] == "not_a_member"
    assert not BallotReceipt.objects.exists()


def test_opening_below_quorum_is_400(world):
    board = make_council(world, size=9)
    session = services.session_create(actor=world.admin, council=board.council, held_on=HELD_ON)
    response = ApiClient(world.officer_school_a).post(f"/councils/sessions/{session.pk}/open", {})
    assert response.status_code == 400 and response.json()["code"] == "no_quorum"
    session.refresh_from_db()
    assert session.status == "scheduled"


def test_an_even_council_is_refused(world):
    board = make_council(world, size=2, activate=False)
    response = ApiClient(world.officer_school_a).post(f"/councils/{board.council.pk}/activate", {})
    assert response.status_code == 400 and response.json()["code"] == "council_even_members"
    assert not Tally.objects.exists()
