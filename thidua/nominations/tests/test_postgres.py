"""On PostgreSQL: two officers proposing the same person for the same title at once, or taking the same step,
exactly one wins (one line, one history row, one audit row)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from tests.factories_nominations import line_of_teacher_a, round_of_school_a
from thidua.audit.models import AuditEvent
from thidua.core.errors import Conflict
from thidua.nominations import services
from thidua.nominations.models import LineTransition, NominationLine, ReviewRound


def _race(calls) -> list[object]:
    start = threading.Barrier(len(calls))
    outcomes: list[object] = []

    def run(call):
        try:
            start.wait()
            call()
            outcomes.append("ok")
        except Conflict as exc:
            outcomes.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(c,)) for c in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_officers_proposing_the_same_line_at_once_one_wins(world):
    round_ = round_of_school_a(world)

    def propose(actor):
        return lambda: services.line_add(actor=actor, round_=ReviewRound.objects.get(pk=round_.pk), person=world.colleague_a,
                                         kind_code="GK", reason="Thành tích đột xuất")  # fmt: skip

    outcomes = _race([propose(world.officer_school_a), propose(world.head_a)])

    assert sorted(map(str, outcomes)).count("ok") == 1, outcomes
    assert next(o for o in outcomes if o != "ok").code == "duplicate_line"
    assert NominationLine.objects.filter(person=world.colleague_a, kind_code="GK").count() == 1
    assert AuditEvent.objects.filter(verb="nomination_line.added").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_officers_withdrawing_a_line_at_once_one_wins(world):
    line = line_of_teacher_a(world)

    def withdraw(actor):
        return lambda: services.line_withdraw(actor=actor, line=NominationLine.objects.get(pk=line.pk), reason="Chuyển công tác")

    outcomes = _race([withdraw(world.officer_school_a), withdraw(world.head_a)])

    assert outcomes.count("ok") == 1, outcomes
    assert LineTransition.objects.filter(line=line).count() == 1
    assert AuditEvent.objects.filter(verb="nomination_line.withdrawn").count() == 1
