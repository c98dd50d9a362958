"""On PostgreSQL: two officers answering one objection at once — exactly one answer, one audit row."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from tests.factories_disclosures import objection_of_teacher_a
from thidua.audit.models import AuditEvent
from thidua.core.errors import Conflict
from thidua.disclosures import checks, services
from thidua.disclosures.models import Remark

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_answers_at_once_one_wins(world):
    remark = objection_of_teacher_a(world)
    barrier, results = threading.Barrier(2), []

    def answer(actor, text):
        try:
            barrier.wait()
            services.objection_answer(actor=actor, remark=Remark.objects.get(pk=remark.pk), answer=text)
            results.append("ok")
        except Conflict as exc:
            results.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=answer, args=(u, t)) for u, t in ((world.officer_school_a, "Một"), (world.head_a, "Hai"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["already_answered", "ok"]
    assert AuditEvent.objects.filter(verb="disclosure.objection_answered").count() == 1
    line = remark.entry.line
    assert checks.decision_blockers([line], today=remark.disclosure.ends_on) == [
        f"{line}: đang trong thời gian công khai (đến hết ngày {remark.disclosure.ends_on.strftime('%d/%m/%Y')})."
    ]
