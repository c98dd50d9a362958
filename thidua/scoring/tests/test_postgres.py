"""On PostgreSQL: published results, publications and score entries refuse UPDATE and DELETE; two officers
publishing one round at once, exactly one wins."""

from __future__ import annotations

import threading

import pytest
from django.db import DatabaseError, connection, transaction

from thidua.audit.models import AuditEvent
from thidua.core.errors import Conflict
from thidua.scoring import publishing, services
from thidua.scoring.models import Publication, PublishedResult, RoundTransition, ScoreEntry

from .factories import make_scoring, self_score


def _published(world):
    s = make_scoring(world)
    for unit, officer in ((world.school_a, world.officer_school_a), (s.school_d, s.officer_d)):
        sub = s.submission(unit)
        self_score(officer, sub)
        sub.refresh_from_db()
        services.submission_approve(actor=world.officer_dept, submission=sub)
    return s


@pytest.mark.postgres
@pytest.mark.django_db
@pytest.mark.parametrize("model", [PublishedResult, Publication, ScoreEntry])
def test_an_update_or_delete_of_an_insert_only_row_fails(world, model):
    s = _published(world)
    publishing.round_publish(actor=world.officer_dept, scoring_round=s.round, designated=world.school_a)
    row = model.objects.first()
    table = model._meta.db_table
    for sql in (f"UPDATE {table} SET id = id WHERE id = %s", f"DELETE FROM {table} WHERE id = %s"):
        with pytest.raises(DatabaseError, match="insert-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [row.pk])
    assert model.objects.filter(pk=row.pk).exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_officers_publishing_at_once_one_wins(world):
    s = _published(world)
    start = threading.Barrier(2)
    outcomes: list[object] = []

    def publish(actor):
        try:
            start.wait()
            publishing.round_publish(actor=actor, scoring_round=type(s.round).objects.get(pk=s.round.pk), designated=world.school_a)
            outcomes.append("ok")
        except Conflict as exc:
            outcomes.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=publish, args=(a,)) for a in (world.officer_dept, world.admin)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert outcomes.count("ok") == 1 and len([o for o in outcomes if isinstance(o, Conflict)]) == 1, outcomes
    assert Publication.objects.count() == 1
    assert RoundTransition.objects.filter(action="publish").count() == 1
    assert AuditEvent.objects.filter(verb="scoring.published").count() == 1
