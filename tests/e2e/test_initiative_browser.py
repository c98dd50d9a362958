"""teacher_a submits an initiative that closely paraphrases one recognised last year at school B; the council member
sees the earlier one flagged "rất giống" with its similarity and scores on a phone-sized screen; the officer records
the ruling; the principal recognises at the unit's scope; the person page's ledger shows the initiative."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from thidua.initiatives.models import Initiative
from thidua.initiatives.tests import factories as f

from .test_browser import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _recognised_last_year_at_school_b(world):
    from tests.factories import UserFactory, grant, make_person
    from thidua.initiatives import services
    from thidua.initiatives.models import CouncilSeat, InitiativeCouncil

    last = f.year("2024-2025")
    author = make_person(name="Đỗ Thị Lan", unit=world.school_b)
    earlier = f.draft(world, actor=world.officer_school_b, unit=world.school_b, authors=[(author, 100)], school_year=last,
                      on=dt.date(2025, 3, 1), applied_from=dt.date(2024, 9, 5), submit=True)  # fmt: skip
    council = InitiativeCouncil.objects.create(unit=world.school_b, school_year=last, created_by=world.officer_school_b)
    CouncilSeat.objects.create(council=council, person=world.person_b)
    member = UserFactory(username="member_b", person=world.person_b)
    grant(member, "council_member", world.school_b)
    services.initiative_put_to_council(actor=world.officer_school_b, initiative=earlier)
    services.score_submit(actor=member, initiative=earlier, points=f.POINTS)
    services.initiative_recognise(actor=world.officer_school_b, initiative=earlier, scope="unit", body=world.school_b, decision_number="9/QĐ",
                                  decision_date=dt.date(2025, 5, 10), on=dt.date(2025, 5, 11))  # fmt: skip
    return earlier


def test_a_paraphrase_is_flagged_scored_on_a_phone_ruled_on_and_recognised(page, live_server, world):
    earlier = _recognised_last_year_at_school_b(world)
    f.council(world)

    login(page, live_server, "teacher_a")
    page.goto(f"{live_server.url}/initiatives/new/")
    page.fill("input[name=title]", f.PARAPHRASE["title"])
    page.select_option("select[name=school_year]", label="2025-2026")
    page.fill("input[name=field]", "Hóa học")
    page.fill("textarea[name=summary]", f.PARAPHRASE["summary"])
    page.fill("textarea[name=solution]", f.PARAPHRASE["solution"])
    page.fill("input[name=applied_from]", "05/09/2025")
    page.click("#initiative-form button[type=submit]")
    expect(page.locator("body")).to_contain_text("Đã gửi sáng kiến.")
    mine = Initiative.objects.get(unit=world.school_a)

    page.context.clear_cookies()
    login(page, live_server, "officer_school_a")
    page.goto(f"{live_server.url}/initiatives/{mine.pk}/")
    page.click(".actions >> text=Đưa ra Hội đồng sáng kiến")
    page.click("button[type=submit]")
    expect(page.locator("#status")).to_contain_text("Hội đồng đang xét")

    page.context.clear_cookies()
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, live_server, "member_a")
    page.goto(f"{live_server.url}/initiatives/{mine.pk}/")
    flagged = page.locator("#similar article", has_text=earlier.title)
    expect(flagged).to_contain_text("Rất giống")
    expect(flagged).to_contain_text(world.school_b.name)
    page.click(".actions >> text=Chấm điểm")
    for code, points in f.POINTS.items():
        page.fill(f"input[name=points_{code}]", str(points))
    page.click("#score-form button[type=submit]")
    expect(page.locator("body")).to_contain_text("Đã ghi điểm chấm.")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.context.clear_cookies()
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, live_server, "head_a")
    page.goto(f"{live_server.url}/initiatives/{mine.pk}/ruling/?candidate={earlier.pk}")
    page.select_option("select[name=disposition]", "not_duplicate")
    page.fill("textarea[name=note]", "Cùng phương pháp nhưng khác cách đánh giá, áp dụng tại trường")
    page.click("button[type=submit]")
    expect(page.locator("#similar")).to_contain_text("Không trùng lặp")
    page.click(".actions >> text=Công nhận")
    page.fill("input[name=decision_number]", "25/QĐ-THCSYT")
    page.fill("input[name=decision_date]", "20/05/2026")
    page.click("button[type=submit]")
    expect(page.locator("body")).to_contain_text("Đã công nhận sáng kiến.")
    expect(page.locator("#recognitions")).to_contain_text("25/QĐ-THCSYT")
    from django.urls import reverse

    page.goto(live_server.url + reverse("awards:person_ledger", kwargs={"pk": world.person_a.pk}))  # the person's ledger timeline
    expect(page.locator("body")).to_contain_text(f.PARAPHRASE["title"])
