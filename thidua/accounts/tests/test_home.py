"""The home page of each persona: greeted by name, what to do next, fixed queries, no link it cannot open."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from thidua.accounts import agenda
from thidua.people.services import rating_set
from thidua.years.models import SchoolYear


def _home(client, user):
    client.force_login(user)
    return client.get(reverse("home"))


def _links(html: str) -> list[str]:
    return sorted({h.replace("&amp;", "&") for h in re.findall(r'href="(/[^"]*)"', html)})


@pytest.mark.parametrize("name", ["officer_dept", "officer_school_a", "head_a", "council_a", "teacher_a", "admin"])
def test_every_link_on_the_home_page_opens_for_the_persona(client, personas, name):
    user = personas[name]
    page = _home(client, user)
    assert page.status_code == 200
    for href in _links(page.content.decode()):
        if href.startswith(("/static/", "/accounts/logout")):
            continue
        assert client.get(href, follow=True).status_code == 200, href


def test_teacher_person_page_links_only_to_pages_the_teacher_may_open(client, world):
    """The "Đơn vị hiện tại" link led a teacher (no unit role) to a 404: the unit is shown as text."""
    client.force_login(world.teacher_a)
    html = client.get(reverse("people:detail", args=[world.person_a.pk])).content.decode()
    assert world.school_a.name in html
    assert reverse("org:detail", args=[world.school_a.pk]) not in html
    for href in _links(html):
        if href.startswith(("/static/", "/accounts/logout")):
            continue
        assert client.get(href, follow=True).status_code == 200, href


def test_teacher_is_greeted_by_name_and_sees_record_and_next_title(client, world):
    year = SchoolYear.objects.get(is_current=True)
    rating_set(actor=world.admin, person=world.person_a, school_year=year, rating="excellent")
    html = _home(client, world.teacher_a).content.decode()
    assert "Xin chào, Nguyễn Thị Hoà" in html
    assert "Hồ sơ thi đua của tôi" in html
    assert "Hoàn thành xuất sắc nhiệm vụ" in html
    assert "Danh hiệu tiếp theo và điều còn thiếu" in html
    assert "Việc cần làm" not in html


def test_officer_sees_people_without_a_rating_for_the_year_under_review(client, world):
    year = agenda.year_under_review()
    rating_set(actor=world.admin, person=world.person_a, school_year=year, rating="good")
    html = _home(client, world.officer_school_a).content.decode()
    assert "Việc cần làm" in html
    # School A has two people; one is rated.
    assert f"1 người chưa có xếp loại năm học {year.code}" in html
    assert reverse("rules:unit", args=[world.school_a.pk]) in html


def test_head_sees_imports_waiting_and_recent_decisions(client, world):
    html = _home(client, world.head_a).content.decode()
    assert "Không có tệp nhập dữ liệu nào chờ ghi." in html
    assert "Quyết định khen thưởng mới ghi nhận" in html


def test_council_member_sees_the_eligibility_page_on_the_agenda(client, world):
    html = _home(client, world.council_a).content.decode()
    assert reverse("rules:unit", args=[world.school_a.pk]) in html
    assert reverse("councils:list") in html  # the council's sessions and results, one click away
    assert "nội dung chờ bạn" not in html  # no session is open: nothing waits for their ballot
    assert "chờ ghi" not in html


@pytest.mark.parametrize(("name", "queries"), [("officer_school_a", 10), ("head_a", 11), ("council_a", 7), ("teacher_a", 21)])
def test_home_page_query_count_is_fixed_per_persona(client, world, personas, django_assert_num_queries, name, queries):
    # A few ratings so that the record and counts have rows to read: the count does not grow with them.
    for year in SchoolYear.objects.order_by("-start_date")[:3]:
        for person in (world.person_a, world.colleague_a):
            rating_set(actor=world.admin, person=person, school_year=year, rating="good")
    client.force_login(personas[name])
    client.get(reverse("home"))
    with django_assert_num_queries(queries):
        client.get(reverse("home"))


def test_the_header_shows_the_persons_name_and_the_login_when_there_is_none(client, world):
    html = _home(client, world.teacher_a).content.decode()
    assert f'<span class="who">{world.teacher_a.person.full_name}</span>' in html
    world.officer_dept.person = None
    world.officer_dept.save(update_fields=["person"])
    html = _home(client, world.officer_dept).content.decode()
    assert f'<span class="who">{world.officer_dept.username}</span>' in html


def test_the_header_name_comes_with_the_session_user_row(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from thidua.accounts.backends import LockoutModelBackend

    with CaptureQueriesContext(connection) as queries:
        user = LockoutModelBackend().get_user(world.teacher_a.pk)
        assert user.display_name == world.teacher_a.person.full_name
    assert len(queries) == 1


def test_an_account_without_a_person_is_named_by_its_own_name_in_the_header_and_the_history(client, world):
    """An officer's account is often not linked to a staff record: the header and every history table show the
    account's first and last name, not the login (the login only when no name was given)."""
    from thidua.accounts.backends import LockoutModelBackend

    officer = world.officer_school_a
    officer.first_name, officer.last_name = "Cán bộ thi đua", "THCS A"
    officer.save(update_fields=["first_name", "last_name"])
    assert LockoutModelBackend().get_user(officer.pk).display_name == "Cán bộ thi đua THCS A"
    html = _home(client, officer).content.decode()
    assert '<span class="who">Cán bộ thi đua THCS A</span>' in html
    officer.first_name = officer.last_name = ""
    assert officer.display_name == "officer_school_a"


def test_a_teacher_reaches_their_record_registrations_and_proposals_from_the_menu(client, world):
    html = _home(client, world.teacher_a).content.decode()
    nav = html[html.index("<nav") : html.index("</nav>")]
    for name in ("people:me", "registrations:mine", "nominations:mine", "initiatives:list"):
        assert f'href="{reverse(name)}"' in nav, name


def test_an_officer_reaches_the_dossier_queue_and_the_initiatives_from_the_menu(client, world):
    html = _home(client, world.officer_dept).content.decode()
    nav = html[html.index("<nav") : html.index("</nav>")]
    for name in ("nominations:rounds", "dossiers:queue", "initiatives:list"):
        assert nav.count(f'href="{reverse(name)}"') == 1, name


def test_the_home_counts_are_kept_until_a_change_under_the_officers_units(client, world):
    """The people count and the unrated count are counted once, then read from the cache while nothing under the
    officer's units changed; a rating entered through the service is seen on the next visit."""
    import re as _re

    def unrated(html: str) -> int:
        found = _re.search(r"(\d+) người chưa có xếp loại năm học", html)
        return int(found.group(1)) if found else 0

    client.force_login(world.officer_school_a)
    first = client.get(reverse("home")).content.decode()
    before = unrated(first)
    assert before > 0
    year = agenda.year_under_review()
    rating_set(actor=world.officer_school_a, person=world.person_a, school_year=year, rating="good")
    assert unrated(client.get(reverse("home")).content.decode()) == before - 1
