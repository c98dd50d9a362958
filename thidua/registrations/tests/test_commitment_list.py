"""The unit's commitment list: its officers add and take off lines; a line a registration chose is retired,
never deleted; the registration form offers only the lines in use."""

from __future__ import annotations

import pytest
from django.urls import reverse

from thidua.audit.models import AuditEvent
from thidua.core.errors import PermissionDenied
from thidua.registrations import selectors, services
from thidua.registrations.models import Commitment, CommitmentOption
from thidua.years.models import SchoolYear

from .factories import register

pytestmark = pytest.mark.django_db
YEAR = "2025-2026"


def _option(world, text):
    return services.commitment_option_add(actor=world.officer_school_a, unit=world.school_a, school_year=SchoolYear.objects.get(code=YEAR),
                                          text=text)  # fmt: skip


def test_an_officer_adds_a_line_on_the_page_and_readers_only_read(client, world):
    url = reverse("registrations:commitments", kwargs={"pk": world.school_a.pk}) + f"?year={YEAR}"
    client.force_login(world.officer_school_a)

    response = client.post(url, {"text": "100% học sinh lên lớp"})

    assert response.status_code == 302
    option = CommitmentOption.objects.get(unit=world.school_a)
    assert option.text == "100% học sinh lên lớp" and option.school_year.code == YEAR
    assert AuditEvent.objects.filter(verb="commitment_option.created", target_id=str(option.pk)).exists()
    assert "100% học sinh lên lớp" in client.get(url).content.decode()
    client.force_login(world.council_a)
    body = client.get(url).content.decode()
    assert "100% học sinh lên lớp" in body and reverse("registrations:commitment_retire", kwargs={"pk": option.pk}) not in body
    assert client.post(url, {"text": "Cam kết khác"}).status_code == 403
    client.force_login(world.officer_school_b)
    assert client.get(url).status_code == 404
    assert CommitmentOption.objects.count() == 1


def test_a_line_in_use_is_retired_and_an_unused_one_deleted(world):
    used, unused = _option(world, "Dạy tốt"), _option(world, "Học tốt")
    reg = register(world, commitments=())
    Commitment.objects.create(registration=reg, option=used, text=used.text, order=1)

    assert services.commitment_option_retire(actor=world.officer_school_a, option=unused) is True
    assert services.commitment_option_retire(actor=world.officer_school_a, option=used) is False

    assert not CommitmentOption.objects.filter(pk=unused.pk).exists()
    used.refresh_from_db()
    assert used.retired_at is not None and reg.commitments.get().option == used
    year = SchoolYear.objects.get(code=YEAR)
    assert selectors.commitment_options(unit=world.school_a, school_year=year) == []  # the form no longer offers it
    assert [o.pk for o in selectors.commitment_list(unit=world.school_a, school_year=year)] == [used.pk]
    assert AuditEvent.objects.filter(verb="commitment_option.retired").count() == 2
    with pytest.raises(PermissionDenied):
        services.commitment_option_retire(actor=world.officer_school_b, option=used)
    again = _option(world, "Dạy tốt")  # the same line added again is back in use
    assert again.pk == used.pk and again.retired_at is None


def test_the_retire_page_asks_before_taking_a_line_off(client, world):
    option = _option(world, "Có sáng kiến")
    url = reverse("registrations:commitment_retire", kwargs={"pk": option.pk})
    client.force_login(world.officer_school_a)
    assert "Bỏ “Có sáng kiến” khỏi danh sách cam kết năm học 2025-2026?" in client.get(url).content.decode()
    assert CommitmentOption.objects.filter(pk=option.pk).exists()
    assert client.post(url).status_code == 302
    assert not CommitmentOption.objects.filter(pk=option.pk).exists()
