"""On PostgreSQL: receipts and tallies refuse UPDATE and DELETE, a ballot box refuses any change once its item is
tallied; two members casting their last ballots while the tally runs: the tally counts exactly the ballots
committed before it and the later ones are refused."""

from __future__ import annotations

import threading

import pytest
from django.db import DatabaseError, connection, transaction

from thidua.core.errors import DomainError
from thidua.councils import ballots, services
from thidua.councils.models import BallotBox, BallotItem, BallotReceipt, Tally

from .factories import cast_all, make_council, open_session

pytestmark = pytest.mark.postgres


def _tallied(world):
    board = make_council(world, size=3)
    open_session(world, board)
    item = services.item_add(actor=world.admin, session=board.session, kind_code="LDTT", person=world.colleague_a)
    cast_all(board, item, ["agree", "agree", "disagree"])
    ballots.item_tally(actor=world.admin, item=item)
    return item


@pytest.mark.django_db
@pytest.mark.parametrize("model", [Tally, BallotReceipt])
def test_an_update_or_delete_of_a_tally_or_a_receipt_fails(world, model):
    item = _tallied(world)
    row = model.objects.filter(item=item).first()
    table = model._meta.db_table
    for sql in (f"UPDATE {table} SET id = id WHERE id = %s", f"DELETE FROM {table} WHERE id = %s"):
        with pytest.raises(DatabaseError, match="insert-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [row.pk])
    assert model.objects.filter(pk=row.pk).exists()


@pytest.mark.django_db
def test_a_ballot_box_cannot_change_after_the_tally(world):
    item = _tallied(world)
    box = BallotBox.objects.get(item=item, option="agree", written=False)
    with pytest.raises(DatabaseError, match="tallied"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE councils_ballotbox SET count = count + 1 WHERE id = %s", [box.pk])
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM councils_ballotbox WHERE id = %s", [box.pk])
    box.refresh_from_db()
    assert box.count == 2


@pytest.mark.django_db(transaction=True)
def test_ballots_racing_the_tally_are_counted_if_committed_before_it_and_refused_after(world):
    board = make_council(world, size=9)
    open_session(world, board)
    item = services.item_add(actor=world.admin, session=board.session, kind_code="LDTT", person=world.colleague_a)
    cast_all(board, item, ["agree"] * 7)
    start = threading.Barrier(3)
    outcomes: list[object] = []

    def cast(user):
        try:
            start.wait()
            ballots.ballot_cast(actor=user, item=BallotItem.objects.get(pk=item.pk), choice="agree")
            outcomes.append("cast")
        except DomainError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    def tally():
        try:
            start.wait()
            ballots.item_tally(actor=world.admin, item=BallotItem.objects.get(pk=item.pk))
            outcomes.append("tallied")
        finally:
            connection.close()

    threads = [threading.Thread(target=cast, args=(u,)) for u in board.users[7:]] + [threading.Thread(target=tally)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert "tallied" in outcomes and len(outcomes) == 3, outcomes
    assert set(outcomes) - {"tallied"} <= {"cast", "item_closed"}
    tally = Tally.objects.get(item=item)
    # Every receipt that exists was committed before the tally; every later cast was refused.
    assert tally.ballots == BallotReceipt.objects.filter(item=item).count() == 7 + outcomes.count("cast")
    assert tally.counts["agree"] == tally.ballots
