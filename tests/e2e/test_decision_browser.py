"""An officer enters a decision for five teachers of school A by picking them from the staff list."""

import pytest
from playwright.sync_api import expect

from tests.factories import make_person
from thidua.awards.models import Decision

from .test_browser import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_enters_a_decision_for_five_teachers_from_the_staff_list(page, live_server, world):
    more = [make_person(name=name, unit=world.school_a) for name in ("Lê Văn An", "Phạm Thị Bình", "Hoàng Văn Cường")]
    teachers = [world.person_a, world.colleague_a, *more]
    login(page, live_server, "officer_school_a")
    page.goto(f"{live_server.url}/awards/units/{world.school_a.pk}/decisions/new/")

    page.fill("input[name=number]", "12/QĐ-THCSYT")
    page.fill("input[name=decision_date]", "20/08/2026")
    page.select_option("select[name=school_year]", "2025-2026")
    page.check("input[data-pick-all=staff]")  # select-all ticks the whole staff list
    for teacher in teachers:
        expect(page.locator(f"input[name=staff][value='{teacher.pk}']")).to_be_checked()
    page.select_option("select[name=staff_kind]", label="Lao động tiên tiến")
    page.click("button[name=add_staff]")

    expect(page.locator("fieldset.line")).to_have_count(5)
    for i, teacher in enumerate(sorted(teachers, key=lambda p: p.sort_key)):
        expect(page.locator(f"input[name='lines-{i}-person_q']")).to_have_value(f"{teacher.full_name} – {world.school_a.name}")
    cash = page.locator("output.line-cash")
    for i in range(5):  # 0.3 × base salary, rounded up to 10.000 đồng
        expect(cash.nth(i)).to_have_text("760.000 đ")

    # The amount follows the title as it is changed (htmx asks the server for coefficient × base salary).
    page.select_option("select[name='lines-0-kind_code']", label="Chiến sĩ thi đua cơ sở")
    expect(cash.first).not_to_have_text("760.000 đ")
    expect(cash.first).to_contain_text("đ")
    page.select_option("select[name='lines-0-kind_code']", label="Giấy khen")
    expect(cash.first).to_have_text("không có tiền thưởng theo hệ số")
    page.select_option("select[name='lines-0-kind_code']", label="Lao động tiên tiến")
    expect(cash.first).to_have_text("760.000 đ")

    page.click("button[name=save]")
    expect(page.locator("body")).to_contain_text("Đã ghi quyết định.")
    decision = Decision.objects.get(number="12/QĐ-THCSYT")
    assert sorted(a.person_id for a in decision.awards.all()) == sorted(p.pk for p in teachers)

    page.goto(f"{live_server.url}/awards/decisions/")
    expect(page.locator("main")).to_contain_text("12/QĐ-THCSYT")


def test_officer_adds_a_teams_staff_picked_by_name_to_a_prefilled_decision(page, live_server, world):
    lan = make_person(name="Vũ Thị Lan", unit=world.team_a)
    login(page, live_server, "officer_school_a")
    # The eligibility page's selection arrives as a link (awards/prefill.py); school B's teacher is dropped.
    page.goto(
        f"{live_server.url}/awards/units/{world.school_a.pk}/decisions/new/?person={world.person_a.pk}&person={world.person_b.pk}&award=LDTT&year=2025-2026"
    )
    expect(page.locator(".messages")).to_contain_text("Đã bỏ 1 người ngoài phạm vi của bạn.")
    expect(page.locator("fieldset.line")).to_have_count(1)
    expect(page.locator("select[name=school_year]")).to_have_value("2025-2026")

    page.fill("input[name=staff_unit_q]", "khoa học")  # htmx offers the team as the officer types
    page.click(".picker-results [data-pick-id]")
    page.click("button[name=show_staff]")  # works before the header is filled in (formnovalidate)
    expect(page.locator("#staff-of")).to_contain_text("Tổ Khoa học tự nhiên")
    page.check("input[data-pick-all=staff]")
    expect(page.locator(f"input[name=staff][value='{lan.pk}']")).to_be_checked()
    page.click("button[name=add_staff]")  # the title chosen in the link is preselected for the added lines

    expect(page.locator("fieldset.line")).to_have_count(2)
    expect(page.locator("input[name='lines-1-person_q']")).to_have_value(f"{lan.full_name} – {world.team_a.name}")
    page.fill("input[name=number]", "13/QĐ-THCSYT")
    page.fill("input[name=decision_date]", "20/08/2026")
    page.click("button[name=save]")
    expect(page.locator("body")).to_contain_text("Đã ghi quyết định.")
    decision = Decision.objects.get(number="13/QĐ-THCSYT")
    assert sorted(a.person_id for a in decision.awards.all()) == sorted([world.person_a.pk, lan.pk])
    assert {a.kind.code for a in decision.awards.all()} == {"LDTT"}
