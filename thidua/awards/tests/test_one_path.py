"""Issue 10 item 1: a decision typed in the form, sent to the API or read from an Excel row meets the same
rules (``awards.checks``) and, when refused, the same Vietnamese message. The import used to check the
issuer's subtree against today's tree only and skipped "decision before its school year"; the tests of
those two checks failed before."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils.html import escape

from thidua.api.tests.conftest import ApiClient
from thidua.awards import authority
from thidua.awards.models import Award, Decision
from thidua.imports import services as import_services
from thidua.imports.models import ImportBatch
from thidua.imports.tests.conftest import report_rows, upload, xlsx
from thidua.org.models import UnitPlacement, path_segment

HEADER = ["Họ và tên", "Ngày sinh", "Mã đơn vị", "Danh hiệu/hình thức", "Năm học", "Số quyết định", "Ngày quyết định", "Mã đơn vị ban hành"]
BEFORE_SWITCH = dt.date(2025, 5, 20)  # the district level still decided (it ended on 01/07/2025)
AFTER_SWITCH = dt.date(2026, 5, 20)


def _form(client, *, issuer, person, number, day, year):
    data = {
        "number": number,
        "decision_date": day.strftime("%d/%m/%Y"),
        "award_type": "annual",
        "school_year": year,
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-0-kind_code": "LĐTT",
        "lines-0-person": str(person.pk),
    }
    return client.post(reverse("awards:decision_create", kwargs={"pk": issuer.pk}), data)


def _api(user, *, issuer, person, number, day, year):
    body = {
        "number": number,
        "decision_date": day.isoformat(),
        "issuer": issuer.pk,
        "award_type": "annual",
        "school_year": year,
        "awards": [{"kind": "Lao động tiên tiến", "person": person.pk}],
    }
    return ApiClient(user).post("/decisions/", body)


def _import(user, capture, *, unit, issuer, person, number, day, year, commit=True):
    row = [
        person.full_name,
        person.date_of_birth.strftime("%d/%m/%Y"),
        person.current_unit.code,
        "LĐTT",
        year,
        number,
        day.strftime("%d/%m/%Y"),
        issuer.code,
    ]
    with capture(execute=True):
        batch = import_services.import_create(actor=user, kind="awards", unit=unit, upload=upload(xlsx(HEADER, [row])))
    batch.refresh_from_db()
    if commit and batch.status == ImportBatch.Status.VALIDATED:
        with capture(execute=True):
            import_services.import_commit_request(actor=user, batch=batch)
        batch.refresh_from_db()
    return batch


def _reasons(batch) -> list[str]:
    return [e["reason"] for r in report_rows(batch) for e in r.get("errors", [])]


@pytest.fixture
def school_under_district_until_switch(world):
    """School A (and its team) stood under the district office until 30/06/2025, under the commune since."""
    school_path = world.district.path + path_segment(world.school_a.pk)
    for unit, old_path in ((world.school_a, school_path), (world.team_a, school_path + path_segment(world.team_a.pk))):
        UnitPlacement.objects.filter(unit=unit).update(valid_from=dt.date(2025, 7, 1))
        UnitPlacement.objects.create(unit=unit, path=old_path, valid_from=dt.date(2015, 1, 1), valid_to=dt.date(2025, 6, 30))
    return world


# -- within the issuer on the decision date (not today): accepted on every path -----------------------
@pytest.mark.parametrize("path", ["form", "api", "import"])
def test_the_district_may_reward_a_school_it_held_on_the_decision_date(
    client, school_under_district_until_switch, django_capture_on_commit_callbacks, path
):
    world = school_under_district_until_switch
    args = {"issuer": world.district, "person": world.colleague_a, "number": f"7/QĐ-{path}", "day": BEFORE_SWITCH, "year": "2024-2025"}
    if path == "form":
        client.force_login(world.officer_dept)
        assert _form(client, **args).status_code == 302
    elif path == "api":
        response = _api(world.officer_dept, **args)
        assert response.status_code == 201, response.json()
    else:
        batch = _import(world.officer_dept, django_capture_on_commit_callbacks, unit=world.school_a, **args)
        assert batch.status == ImportBatch.Status.COMMITTED, _reasons(batch)
    award = Award.objects.get(decision__number=f"7/QĐ-{path}")
    assert (award.person, award.decision.issuer, award.recipient_unit) == (world.colleague_a, world.district, world.school_a)


# -- refused with one message on every path -----------------------------------------------------------
def _outside(world):
    message = f"{world.person_b.full_name} không công tác trong phạm vi của {world.school_a.name}."
    args = {"issuer": world.school_a, "person": world.person_b, "day": AFTER_SWITCH, "year": "2025-2026"}
    return args, message, True


def _before_its_year(world):
    message = "Ngày quyết định (20/05/2025) không thể trước năm học 2025-2026 được khen."
    args = {"issuer": world.school_a, "person": world.colleague_a, "day": BEFORE_SWITCH, "year": "2025-2026"}
    return args, message, False


def _no_authority(world):
    message = authority.refusal(
        issuer_name=world.team_a.name,
        issuer_kind_name=world.team_a.kind.name,
        kind_name="Lao động tiên tiến",
        code="LDTT",
        day=AFTER_SWITCH,
    )
    args = {"issuer": world.team_a, "person": world.colleague_a, "day": AFTER_SWITCH, "year": "2025-2026"}
    return args, message, True


CASES = {"outside_issuer": _outside, "before_its_school_year": _before_its_year, "no_authority": _no_authority}


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("path", ["form", "api", "import"])
def test_a_bad_decision_is_refused_with_the_same_message_on_every_path(client, world, django_capture_on_commit_callbacks, case, path):
    args, message, on_a_line = CASES[case](world)
    args["number"] = f"9/QĐ-{case}"
    if path == "form":
        client.force_login(world.officer_dept)
        response = _form(client, **args)
        assert response.status_code == 200 and escape(message) in response.content.decode()
    elif path == "api":
        response = _api(world.officer_dept, **args)
        assert response.status_code == 400
        assert response.json()["message"] == (f"Dòng 1: {message}" if on_a_line else message)
    else:
        batch = _import(world.officer_dept, django_capture_on_commit_callbacks, unit=world.commune, **args)
        assert batch.status == ImportBatch.Status.INVALID
        assert message in _reasons(batch), _reasons(batch)
    assert not Decision.objects.filter(number=args["number"]).exists()
