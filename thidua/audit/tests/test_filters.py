"""The audit log's filters: a person and a unit by name, an action by its Vietnamese name."""

from __future__ import annotations

import re
from pathlib import Path

from django.db import transaction
from django.urls import reverse

from thidua.audit import recorder as audit
from thidua.audit.verbs import VERBS as VERB_LABELS


def _record(world):
    with transaction.atomic():
        audit.record(actor=world.admin, verb="unit.updated", target=world.school_a, unit=world.school_a)
        audit.record(actor=world.admin, verb="person.updated", target=world.person_a, unit=world.school_a)


def test_the_action_filter_offers_vietnamese_names(client, world):
    client.force_login(world.officer_school_a)
    body = client.get(reverse("audit:log")).content.decode()
    assert '<option value="unit.updated">Sửa thông tin đơn vị</option>' in body
    assert "Mã cá nhân" not in body and "Mã đơn vị" not in body


def test_filtering_by_action(client, world):
    _record(world)
    client.force_login(world.officer_school_a)
    page = client.get(reverse("audit:log"), {"verb": "person.updated"}).context["page"]
    assert [e.verb for e in page] == ["person.updated"]


def test_filtering_by_a_persons_name(client, world):
    _record(world)
    client.force_login(world.officer_school_a)
    page = client.get(reverse("audit:log"), {"person_q": "nguyen thi hoa"}).context["page"]
    assert [e.verb for e in page] == ["person.updated"]


def test_filtering_by_a_units_name(client, world):
    _record(world)
    client.force_login(world.officer_school_a)
    response = client.get(reverse("audit:log"), {"unit_q": "THCS Yên Tiến"})
    assert len(list(response.context["page"])) == 2
    assert len(client.get(reverse("audit:log"), {"unit_q": world.school_b.name}).context["page"]) == 0


def test_every_recorded_verb_has_a_vietnamese_name():
    root = Path(__file__).resolve().parents[2]
    verbs = set()
    for path in root.rglob("*.py"):
        if "tests" not in path.parts:
            verbs |= set(re.findall(r'verb="([a-z_]+\.[a-z_]+)"', path.read_text(encoding="utf-8")))
    assert verbs and verbs <= set(VERB_LABELS), sorted(verbs - set(VERB_LABELS))
