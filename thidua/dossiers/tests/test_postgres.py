"""Two officers deciding the same dossier at once: exactly one decision, one history row, one audit row."""

import threading
import time

import pytest
from django.db import connection
from django.utils import timezone

from tests.factories import UserFactory, grant
from tests.factories_dossiers import dossier_of_school_a
from thidua.audit import recorder
from thidua.audit.models import AuditEvent
from thidua.awards.models import Award, Decision
from thidua.core.errors import Conflict
from thidua.dossiers import services
from thidua.dossiers.models import Dossier, DossierTransition


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_officers_deciding_at_once_one_wins(world, monkeypatch):
    officer_commune = UserFactory(username="officer_commune")
    grant(officer_commune, "officer", world.commune)
    dossier = dossier_of_school_a(world, submitted=True, both=False)
    services.dossier_receive(actor=officer_commune, dossier=dossier)
    services.dossier_check(actor=officer_commune, dossier=dossier)
    services.line_accept(actor=officer_commune, dline=dossier.lines.get())
    record = recorder.record

    def slow(**kwargs):  # the winner holds the dossier's lock a while: the other waits on it, then reads "decided"
        if kwargs["verb"] == "decision.created":
            time.sleep(0.3)
        return record(**kwargs)

    monkeypatch.setattr(recorder, "record", slow)
    start = threading.Barrier(2)
    outcomes: list[object] = []

    def decide(actor, number):
        copy = Dossier.objects.select_related("sender", "receiver", "round").get(pk=dossier.pk)  # both read "checking"
        try:
            start.wait()
            services.dossier_decide(actor=actor, dossier=copy, number=number, decision_date=timezone.localdate())
            outcomes.append("ok")
        except Conflict as exc:
            outcomes.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=decide, args=a) for a in ((officer_commune, "21/QĐ-UBND"), (world.officer_dept, "22/QĐ-UBND"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    conflicts = [o for o in outcomes if isinstance(o, Conflict)]
    assert outcomes.count("ok") == 1 and len(conflicts) == 1, outcomes
    assert conflicts[0].code == "dossier_decided"
    assert Decision.objects.count() == 1 and Award.objects.count() == 1
    assert DossierTransition.objects.filter(dossier=dossier, action="decide").count() == 1
    assert AuditEvent.objects.filter(verb="dossier.decided").count() == 1
