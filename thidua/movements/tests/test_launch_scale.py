"""A launch to a whole subtree costs a fixed number of queries: the deadlines, their audit rows and the
eligibility counters are written in bulk (``audit.recorder.record_many``), not per responding unit."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import UserFactory, grant, make_unit
from tests.factories_movements import LAUNCH, draft
from thidua.audit.models import AuditEvent
from thidua.movements import services
from thidua.notifications.models import Deadline
from thidua.rules.models import EligibilityVersion


def _launch_queries(world, extra: int, tag: str) -> int:
    commune = make_unit(code=f"UBND-{tag}", name=f"UBND xã Thử {tag}", kind="commune", parent=world.dept)
    for i in range(extra):
        school = make_unit(code=f"TH-{tag}-{i}", name=f"Trường Tiểu học Thử {tag} {i}", kind="school", parent=commune, levels="primary")
        grant(UserFactory(username=f"officer_{tag}_{i}"), "officer", school)
    movement = draft(world, launcher=commune, kind="campaign", name=f"Thi đua {tag}", targets=[services.TargetSpec(commune, True)])
    with CaptureQueriesContext(connection) as queries:
        services.movement_launch(actor=world.admin, movement=movement, launched_on=LAUNCH)
    assert Deadline.objects.filter(object_id=movement.pk).count() == extra
    return len(queries)


def test_the_launch_query_count_does_not_grow_with_the_responding_units(world):
    _launch_queries(world, 1, "warm")  # the content types and the calendar are read once per process
    assert _launch_queries(world, 2, "a") == _launch_queries(world, 12, "b")


def test_each_opened_deadline_has_its_audit_row_and_bumps_its_units_counter(world):
    commune = make_unit(code="UBND-C", name="UBND xã Thử C", kind="commune", parent=world.dept)
    schools = [make_unit(code=f"TH-C-{i}", name=f"Trường Tiểu học Thử C {i}", kind="school", parent=commune) for i in range(3)]
    movement = draft(world, launcher=commune, kind="campaign", name="Thi đua C", targets=[services.TargetSpec(commune, True)])
    before = dict(EligibilityVersion.objects.filter(scope__in=[s.pk for s in schools]).values_list("scope", "counter"))
    services.movement_launch(actor=world.admin, movement=movement, launched_on=LAUNCH)
    events = AuditEvent.objects.filter(verb="deadline.opened", unit__in=schools)
    assert sorted(e.unit_id for e in events) == sorted(s.pk for s in schools)
    assert {e.target_id for e in events} == {str(d.pk) for d in Deadline.objects.filter(object_id=movement.pk)}
    after = dict(EligibilityVersion.objects.filter(scope__in=[s.pk for s in schools]).values_list("scope", "counter"))
    assert all(after[s.pk] == before.get(s.pk, 0) + 1 for s in schools)
