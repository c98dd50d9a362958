"""The eligibility pages from the database: the unit table, the reasons on click, the export, the person panel."""

from __future__ import annotations

import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import make_person
from thidua.rules.models import EligibilitySnapshot


def _unit_url(world, **params):
    query = "&".join(f"{k}={v}" for k, v in {"year": 2024, **params}.items())
    return f"{reverse('rules:unit', kwargs={'pk': world.school_a.pk})}?{query}"


def _reasons_url(world, person, title="LDTT"):
    return f"{reverse('rules:reasons', kwargs={'pk': world.school_a.pk})}?year=2024&person={person.pk}&title={title}"


def test_unit_page_lists_every_staff_member_with_a_badge_per_title(client, world, history):
    client.force_login(world.officer_school_a)

    response = client.get(_unit_url(world))

    assert response.status_code == 200
    page = response.content.decode()
    for name in ("Nguyễn Thị Hoà", "Trần Văn Đức", "Phạm Thị Lan", "Hoàng Văn Bình"):
        assert name in page
    assert "verdict-not_eligible" in page and "CSTĐCS" in page
    assert "Hội đồng thi đua – khen thưởng quyết định" in page


def test_department_officer_sees_the_school_in_the_subtree(client, world, history):
    client.force_login(world.officer_dept)
    response = client.get(f"{reverse('rules:unit', kwargs={'pk': world.dept.pk})}?year=2024")
    assert response.status_code == 200
    assert "Nguyễn Thị Hoà" in response.content.decode()


def test_verdict_filter_keeps_only_people_with_that_verdict(client, world, history):
    client.force_login(world.officer_school_a)

    rows = client.get(_unit_url(world, title="LDTT", verdict="not_eligible")).context["rows"]

    assert [r.name for r in rows] == ["Trần Văn Đức"]  # reprimanded in 2024-2025
    assert [c.code for c in rows[0].outcomes] == ["LDTT"]


def test_undetermined_splits_into_needs_confirmation_and_missing_facts(client, world, history):
    client.force_login(world.officer_school_a)

    rows = client.get(_unit_url(world, title="LDTT")).context["rows"]

    badges = {r.name: r.outcomes[0].badge for r in rows}
    assert badges["Nguyễn Thị Hoà"] == "confirm"  # every recorded criterion met; "gương mẫu…" needs an officer


def test_unit_page_runs_a_fixed_number_of_queries_whatever_the_staff(client, world, history):
    client.force_login(world.officer_school_a)
    client.get(_unit_url(world))  # warm caches (session, catalogue)
    EligibilitySnapshot.objects.all().delete()  # each request below evaluates (cold)
    with CaptureQueriesContext(connection) as few:
        client.get(_unit_url(world))
    for i in range(12):
        make_person(name=f"Giáo viên Số {i}", unit=world.school_a, national_id=f"00119000{i:04d}")
    # The factory writes outside the services (no data version bump): drop the snapshot as a fresh seed would.
    EligibilitySnapshot.objects.all().delete()
    with CaptureQueriesContext(connection) as many:
        response = client.get(_unit_url(world))

    assert len(response.context["rows"]) == 16
    # A cold page: the session, user, scope, unit, the snapshot row and its data version, the staff count, the
    # units outside the subtree (2) and their version, the evaluation (15 with the unit names: the people's ten
    # fact queries, the subtree's units, the unit's awards, its collective registrations), the snapshot written (6:
    # savepoints, the locked read, the insert), the unit's cluster_leader fact (scoring) — the same whatever the staff.
    # The registration criterion added two (the people's approved registrations, the unit's own).
    assert len(many) == len(few) == 32


def test_reasons_list_every_criterion_with_reason_citation_and_tag(client, world, history):
    client.force_login(world.officer_school_a)

    response = client.get(_reasons_url(world, history.duc), headers={"HX-Request": "true"})

    assert response.status_code == 200
    page = response.content.decode()
    outcome = response.context["outcome"]
    assert len(outcome.criteria) >= 4
    for criterion in outcome.criteria:
        assert criterion.reason in page or criterion.reason.replace("“", "&ldquo;") in page or criterion.label in page
        assert criterion.citation.text in page
    assert "<html" not in page  # the HTMX partial
    assert any(s in page for s in ("✅", "⚠️", "❓"))
    assert "Khiển trách" in page or "kỷ luật" in page.lower()


def test_reasons_without_javascript_render_a_whole_page(client, world, history):
    client.force_login(world.officer_school_a)
    assert "<html" in client.get(_reasons_url(world, history.hoa)).content.decode()


def test_reasons_for_someone_outside_the_unit_is_404(client, world, history):
    client.force_login(world.officer_school_a)
    assert client.get(_reasons_url(world, world.person_b)).status_code == 404


def test_officer_of_sibling_school_gets_404(client, world, history):
    client.force_login(world.officer_school_b)
    assert client.get(_unit_url(world)).status_code == 404
    assert client.get(_reasons_url(world, history.hoa)).status_code == 404


def test_excel_export_has_the_same_rows_as_the_page(client, world, history):
    client.force_login(world.officer_school_a)
    rows = client.get(_unit_url(world, title="CSTDCS")).context["rows"]

    response = client.get(_unit_url(world, title="CSTDCS", format="xlsx"))

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    names = [v[1] for v in values if isinstance(v[0], int)]
    assert names == [r.name for r in rows]
    assert all(v[3] == "CSTĐCS" for v in values if isinstance(v[0], int))


def test_excel_neutralises_formulas_in_names(client, world, history):
    make_person(name='=HYPERLINK("http://x")', unit=world.school_a, national_id="001190009999")
    client.force_login(world.officer_school_a)
    response = client.get(_unit_url(world, title="LDTT", format="xlsx"))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)).active
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert not any(c.startswith("=") for c in cells)


def test_person_page_shows_what_they_qualify_for_and_what_is_missing(client, world, history):
    client.force_login(world.officer_school_a)

    response = client.get(reverse("people:detail", kwargs={"pk": history.hoa.pk}))

    panel = [n.summary for n in response.context["eligibility"].persons[0].next]
    assert panel and all(": " in line for line in panel)
    assert any("còn thiếu" in line or "đủ điều kiện" in line for line in panel)
    assert panel[0] in response.content.decode()


def test_person_page_adds_a_bounded_number_of_queries(client, world, history):
    client.force_login(world.officer_school_a)
    url = reverse("people:detail", kwargs={"pk": history.hoa.pk})
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert len(queries) <= 25


def test_nav_offers_the_page_to_unit_readers_only(client, world):
    client.force_login(world.officer_school_a)
    assert reverse("rules:index") in client.get(reverse("home")).content.decode()
    client.force_login(world.teacher_a)
    assert reverse("rules:index") not in client.get(reverse("home")).content.decode()
