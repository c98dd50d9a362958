"""The pages: a member votes one item at a time and sees only the result after the tally; scoping."""

from __future__ import annotations

import pytest
from django.urls import reverse

from thidua.councils import ballots, services
from thidua.councils.models import BallotReceipt, WrittenVote

from .factories import make_council, open_session, pdf

pytestmark = pytest.mark.django_db


def test_a_member_votes_one_item_at_a_time_then_sees_the_result_after_the_tally(client, world):
    board = make_council(world, size=3)
    open_session(world, board)
    first = services.item_add(actor=world.admin, session=board.session, kind_code="LDTT", person=world.colleague_a)
    second = services.item_add(actor=world.admin, session=board.session, kind_code="LDTT", person=world.person_a)
    client.force_login(board.users[0])
    url = reverse("councils:vote", kwargs={"pk": board.session.pk})
    page = client.get(url).content.decode()
    assert "Trần Văn Đức" in page and "Nguyễn Thị Hoà" in page  # the item, and the result list below
    assert client.post(url, {"item": first.pk, "choice": "agree"}).status_code == 302
    assert client.post(url, {"item": first.pk, "choice": "agree"}).status_code == 302  # a double click: refused, not cast on the next item
    assert BallotReceipt.objects.filter(item=second).count() == 0
    client.post(url, {"item": second.pk, "choice": "disagree"})
    page = client.get(url).content.decode()
    assert "Bạn không còn nội dung nào cần bỏ phiếu." in page and "chưa kiểm phiếu" in page
    for user in board.users[1:]:
        ballots.ballot_cast(actor=user, item=first, choice="agree")
    ballots.item_tally(actor=world.admin, item=first)
    page = client.get(url).content.decode()
    assert "Đạt" in page and "(3/3)" in page


def test_the_session_page_shows_who_has_voted_not_what(client, world):
    board = make_council(world, size=3)
    open_session(world, board)
    item = services.item_add(actor=world.admin, session=board.session, kind_code="LDTT", person=world.colleague_a)
    ballots.ballot_cast(actor=board.users[0], item=item, choice="agree")
    client.force_login(world.officer_school_a)
    page = client.get(reverse("councils:session", kwargs={"pk": board.session.pk})).content.decode()
    assert "1/3" in page and "Đồng ý đề nghị" not in page


def test_the_officer_of_the_sibling_school_cannot_read_or_act_on_school_as_council(client, world):
    board = make_council(world, size=3)
    open_session(world, board)
    item = services.item_add(actor=world.admin, session=board.session, kind_code="LDTT", person=world.colleague_a)
    client.force_login(world.officer_school_b)
    for url in (
        reverse("councils:detail", kwargs={"pk": board.council.pk}),
        reverse("councils:session", kwargs={"pk": board.session.pk}),
        reverse("councils:vote", kwargs={"pk": board.session.pk}),
        reverse("councils:tally", kwargs={"pk": item.pk}),
    ):
        assert client.get(url).status_code == 404
        assert client.post(url, {}).status_code == 404
    assert "THCS Yên Tiến" not in client.get(reverse("councils:list")).content.decode()


def test_the_secretary_enters_a_written_vote_with_its_scan_and_the_chair_confirms(client, world):
    board = make_council(world, size=3)
    open_session(world, board, written=1)
    item = services.item_add(actor=world.admin, session=board.session, kind_code="LDTT", person=world.colleague_a)
    client.force_login(board.users[1])  # the secretary, a council member only
    url = reverse("councils:written", kwargs={"pk": board.session.pk})
    response = client.post(url, {"member": board.members[2].pk, f"i{item.pk}": "agree"})
    assert "Tải lên bản quét" in response.content.decode() and not WrittenVote.objects.exists()
    client.post(url, {"member": board.members[2].pk, f"i{item.pk}": "agree", "scan": pdf()})
    vote = WrittenVote.objects.get()
    client.force_login(board.users[0])
    assert client.post(reverse("councils:written_confirm", kwargs={"pk": vote.pk})).status_code == 302
    assert BallotReceipt.objects.get(item=item).channel == "written"


def test_the_home_page_tells_a_present_member_how_many_items_wait_for_their_ballot(client, world):
    """A council member logs in and sees, first thing, the open session that waits for them, with a link to the
    ballot; once they have voted on everything (or been recused) the line is gone."""
    board = make_council(world, size=3)
    open_session(world, board)
    first = services.item_add(actor=world.admin, session=board.session, kind_code="LDTT", person=world.colleague_a)
    services.item_add(actor=world.admin, session=board.session, kind_code="LDTT", person=world.person_a)
    client.force_login(board.users[0])
    vote_url = reverse("councils:vote", kwargs={"pk": board.session.pk})
    home = client.get(reverse("home")).content.decode()
    assert f'href="{vote_url}"' in home and "Bỏ phiếu kín: 2 nội dung chờ bạn" in home
    ballots.ballot_cast(actor=board.users[0], item=first, choice="agree")
    assert "Bỏ phiếu kín: 1 nội dung chờ bạn" in client.get(reverse("home")).content.decode()
    ballots.ballot_cast(actor=board.users[0], item=board.session.items.exclude(pk=first.pk).get(), choice="agree")
    assert vote_url not in client.get(reverse("home")).content.decode()
    client.force_login(board.users[1])  # another member who has not voted still sees both
    assert "Bỏ phiếu kín: 2 nội dung chờ bạn" in client.get(reverse("home")).content.decode()
