"""The unit's bulk confirmation form cannot surprise: nothing destructive by default, a withdrawal is chosen
explicitly and confirmed on a second step that lists it, everyone can be ticked at once, and the page after
saving says what changed, by name (issue 11, item 5)."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from thidua.rules.models import Confirmation
from thidua.rules.services import confirmations_set

from .conftest import school_year

pytestmark = pytest.mark.django_db
BASIS = "Biên bản họp Hội đồng TĐKT số 05/BB-THCS ngày 20/5/2025"


def _url(world, extra: str = "") -> str:
    return reverse("rules:unit_confirm", kwargs={"pk": world.school_a.pk}) + "?year=2024" + extra


def _confirm(world, person, value: bool = True) -> None:
    year = school_year("2024-2025")
    confirmations_set(actor=world.officer_school_a, person=person, school_year=year, values={"ldtt_qualities": value}, basis=BASIS)


def _recorded(person) -> Confirmation | None:
    return Confirmation.objects.filter(person=person, school_year__code="2024-2025", fact="ldtt_qualities").first()


def test_the_default_choice_changes_nothing(client, world, history):
    client.force_login(world.officer_school_a)

    form = client.get(_url(world)).context["form"]

    assert form["value"].value() == "keep"
    assert dict(form.fields["value"].choices)["keep"] == "Không thay đổi"


def test_a_post_without_an_explicit_choice_withdraws_nothing(client, world, history):
    _confirm(world, history.hoa)
    client.force_login(world.officer_school_a)

    for data in ({}, {"value": ""}, {"value": "keep"}):
        client.post(_url(world), {"fact": "ldtt_qualities", "basis": BASIS, "people": [history.hoa.pk], **data})

    assert _recorded(history.hoa).value is True


def test_withdrawing_asks_first_listing_what_will_be_withdrawn(client, world, history):
    _confirm(world, history.hoa)
    client.force_login(world.officer_school_a)

    response = client.post(_url(world), {"fact": "ldtt_qualities", "value": "withdraw", "people": [history.hoa.pk, history.duc.pk]})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Sẽ rút 1 xác nhận" in page and history.hoa.full_name in page
    assert 'name="confirmed"' in page
    assert _recorded(history.hoa) is not None


def test_withdrawing_after_the_confirmation_step_withdraws_and_says_so(client, world, history):
    _confirm(world, history.hoa)
    client.force_login(world.officer_school_a)

    data = {"fact": "ldtt_qualities", "value": "withdraw", "people": [history.hoa.pk, history.duc.pk], "confirmed": "1"}
    response = client.post(_url(world), data)

    assert response.status_code == 302 and response["Location"].endswith("?year=2024")
    assert _recorded(history.hoa) is None
    summary = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "rút 1 xác nhận" in summary and history.hoa.full_name in summary
    assert "Không thay đổi 1" in summary and history.duc.full_name in summary


def test_replacing_an_existing_value_asks_first(client, world, history):
    _confirm(world, history.hoa, value=True)
    client.force_login(world.officer_school_a)

    response = client.post(_url(world), {"fact": "ldtt_qualities", "value": "no", "basis": BASIS, "people": [history.hoa.pk]})

    assert response.status_code == 200 and "Sẽ thay đổi 1 xác nhận" in response.content.decode()
    assert _recorded(history.hoa).value is True


def test_the_summary_counts_recorded_and_unchanged_by_name(client, world, history):
    _confirm(world, history.hoa, value=True)
    client.force_login(world.officer_school_a)

    data = {"fact": "ldtt_qualities", "value": "yes", "basis": BASIS, "people": [history.hoa.pk, history.duc.pk]}
    response = client.post(_url(world), data)

    assert response.status_code == 302
    summary = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "ghi 1 xác nhận" in summary and history.duc.full_name in summary
    assert "Không thay đổi 1" in summary and history.hoa.full_name in summary
    assert _recorded(history.duc).value is True


def test_select_all_ticks_everyone(client, world, history):
    client.force_login(world.officer_school_a)

    plain = client.get(_url(world))
    ticked = client.get(_url(world, "&all=1"))

    assert plain.context["form"]["people"].value() in (None, [])
    people = {str(pk) for pk, _label in ticked.context["form"].fields["people"].choices}
    assert people and set(ticked.context["form"]["people"].value()) == people
    assert "all=1" in plain.content.decode()
