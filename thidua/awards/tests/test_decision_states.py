"""Decisions change state only through ``transition()``: revocation leaves a history row and its audit row,
needs write access to the issuer, and two officers revoking at once get one success and one conflict."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection
from django.urls import reverse

from tests.test_access import decision_of_school_a
from thidua.audit import recorder
from thidua.audit.models import AuditEvent
from thidua.awards import services
from thidua.awards.models import Decision, DecisionTransition
from thidua.core.errors import Conflict, PermissionDenied
from thidua.core.tests.status_writes import status_writes_outside_transition

REASON = "Khai man thành tích"


def test_revoking_writes_one_history_row_with_the_reason(world):
    decision = decision_of_school_a(world)

    with status_writes_outside_transition() as offenders:
        services.decision_revoke(actor=world.officer_school_a, decision=decision, reason=REASON)

    step = DecisionTransition.objects.get(decision=decision)
    assert (step.from_state, step.to_state, step.action, step.actor, step.note) == (
        "in_force",
        "revoked",
        "revoke",
        world.officer_school_a,
        REASON,
    )
    assert (step.from_label, step.to_label, step.action_label) == ("Có hiệu lực", "Đã hủy bỏ", "Hủy bỏ quyết định")
    event = AuditEvent.objects.get(verb="decision.revoked")
    assert (event.before, event.after, event.actor) == (
        {"status": "in_force"},
        {"status": "revoked", "reason": REASON},
        world.officer_school_a,
    )
    assert offenders == []


@pytest.mark.parametrize("who", ["council_a", "teacher_a", "officer_school_b"])
def test_only_writers_of_the_issuer_may_revoke(world, who):
    decision = decision_of_school_a(world)

    with pytest.raises(PermissionDenied) as exc:
        services.decision_revoke(actor=getattr(world, who), decision=decision, reason=REASON)

    assert exc.value.status == 403 and exc.value.message == "Bạn không có quyền hủy bỏ quyết định của “Trường THCS Yên Tiến”."
    assert Decision.objects.get(pk=decision.pk).status == "in_force"
    assert not DecisionTransition.objects.exists() and not AuditEvent.objects.filter(verb="decision.revoked").exists()


def test_an_officer_above_the_issuer_and_an_admin_may_revoke(world):
    first = decision_of_school_a(world)
    second = services.decision_create(
        actor=world.admin,
        issuer=world.school_a,
        number="16/QĐ-THCSYT",
        decision_date=first.decision_date,
        award_type="annual",
        awards=[services.AwardSpec(kind_code="GK", person=world.person_a)],
    )

    services.decision_revoke(actor=world.officer_dept, decision=first, reason=REASON)
    services.decision_revoke(actor=world.admin, decision=second, reason=REASON)

    assert list(DecisionTransition.objects.order_by("id").values_list("actor", flat=True)) == [world.officer_dept.pk, world.admin.pk]


def test_revoking_a_revoked_decision_is_a_conflict_named_after_the_state(world):
    decision = decision_of_school_a(world)
    services.decision_revoke(actor=world.officer_school_a, decision=decision, reason=REASON)

    with pytest.raises(Conflict) as exc:
        services.decision_revoke(actor=world.officer_school_a, decision=Decision.objects.get(pk=decision.pk), reason=REASON)

    assert (exc.value.status, exc.value.code) == (409, "decision_revoked")
    assert exc.value.message == "Không thể hủy bỏ quyết định: quyết định khen thưởng đang ở trạng thái “Đã hủy bỏ”."
    assert DecisionTransition.objects.count() == 1


def test_the_decision_page_shows_the_history(client, world):
    decision = decision_of_school_a(world)
    services.decision_revoke(actor=world.officer_school_a, decision=decision, reason=REASON)
    client.force_login(world.officer_dept)

    page = client.get(reverse("awards:decision_detail", kwargs={"pk": decision.pk})).content.decode()

    assert "Lịch sử trạng thái" in page and "Ghi nhận quyết định" in page and "Có hiệu lực → Đã hủy bỏ" in page
    assert world.officer_school_a.username in page and REASON in page


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_officers_revoking_at_once_one_wins_the_other_gets_a_conflict(world, monkeypatch):
    decision = decision_of_school_a(world)
    record = recorder.record

    def slow(**kwargs):  # the winner holds the row lock a while: the other waits on it, then reads "revoked"
        if kwargs["verb"] == "decision.revoked":
            time.sleep(0.3)
        return record(**kwargs)

    monkeypatch.setattr(recorder, "record", slow)
    start = threading.Barrier(2)
    outcomes: list[object] = []

    def revoke(actor):
        copy = Decision.objects.get(pk=decision.pk)  # each request read "in force"
        try:
            start.wait()
            services.decision_revoke(actor=actor, decision=copy, reason=f"{REASON} ({actor.username})")
            outcomes.append("ok")
        except Conflict as exc:
            outcomes.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=revoke, args=(a,)) for a in (world.officer_school_a, world.officer_dept)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)

    conflicts = [o for o in outcomes if isinstance(o, Conflict)]
    assert outcomes.count("ok") == 1 and len(conflicts) == 1, outcomes
    assert conflicts[0].code == "decision_revoked" and "thao tác khác" in conflicts[0].message
    assert DecisionTransition.objects.filter(decision=decision).count() == 1
    assert AuditEvent.objects.filter(verb="decision.revoked").count() == 1
