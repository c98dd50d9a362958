"""Award pages: catalogue, decisions, the decision form's Vietnamese errors, scans, exports."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import make_person
from tests.factories_awards import tiny_pdf
from thidua.awards import services
from thidua.awards.models import Award, Decision
from thidua.awards.services import AwardSpec
from thidua.people import services as people_services
from thidua.years.models import SchoolYear

SCAN = tiny_pdf()

D = dt.date


def lines(*rows):
    data = {"lines-TOTAL_FORMS": str(max(len(rows), 1)), "lines-INITIAL_FORMS": "0"}
    for i, row in enumerate(rows):
        data.update({f"lines-{i}-{k}": v for k, v in row.items()})
    return data


def header(**kw):
    return {"number": "25/QĐ-UBND", "decision_date": "20/08/2026", "award_type": "annual", "school_year": "2025-2026", **kw}


def xlsx(response):
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content)).active


def decide(actor, issuer, number, day, specs, **kw):
    return services.decision_create(actor=actor, issuer=issuer, number=number, decision_date=day, award_type="annual", awards=specs, **kw)


# -- catalogue ----------------------------------------------------------------------------------------


def test_catalogue_groups_by_regime_with_status_tags_and_salaries(client, world):
    client.force_login(world.teacher_a)
    body = client.get(reverse("awards:catalogue")).content.decode()
    assert "Luật TĐKT 2022, NĐ 152/2025" in body and "Luật TĐKT 2003 (sửa đổi 2013), NĐ 91/2017" in body
    assert (
        "Lao động tiên tiến" in body
        and "✓</span> có văn bản" in body
        and "chưa có văn bản hướng dẫn — hội đồng quyết định" in body
        and "Mức tiền cá nhân theo NĐ 152 chưa xác nhận" in body
    )
    assert "2.530.000 đ" in body and "01/07/2026" in body


def test_catalogue_shows_the_authority_the_decision_form_enforces(client, world):
    """Issue 8 item 6: the page reads the same table as the services (awards/authority.py)."""
    client.force_login(world.officer_school_a)
    body = client.get(reverse("awards:catalogue"), {"regime": "law2022_nd98"}).content.decode()

    assert "Thủ trưởng đơn vị có tư cách pháp nhân (Hiệu trưởng, Giám đốc)" in body and "Luật 2022 Điều 80 khoản 1" in body
    assert "Chủ tịch UBND huyện (quyết định ghi nhận tại Phòng GD&amp;ĐT)" in body and "Như Lao động tiên tiến" not in body
    body = client.get(reverse("awards:catalogue"), {"regime": "law2022_nd152"}).content.decode()
    assert "NĐ 129/2025/NĐ-CP Điều 59" in body and "Chủ tịch UBND huyện (quyết định" not in body
    assert "Chủ tịch UBND tỉnh (quyết định ghi nhận tại Sở GD&amp;ĐT)" in body and "TT 29/2023/TT-BGDĐT Điều 12" in body
    ws = xlsx(client.get(reverse("awards:catalogue"), {"regime": "law2022_nd152", "format": "xlsx"}))
    ldtt = next(r for r in range(3, ws.max_row + 1) if ws.cell(row=r, column=2).value == "LDTT")
    assert "tư cách pháp nhân" in ws.cell(row=ldtt, column=8).value and "Chủ tịch UBND xã" in ws.cell(row=ldtt, column=8).value


def test_catalogue_filters_by_regime_and_exports(client, world):
    client.force_login(world.officer_school_a)
    body = client.get(reverse("awards:catalogue"), {"regime": "law2013"}).content.decode()
    assert "<h2>Luật TĐKT 2003 (sửa đổi 2013), NĐ 91/2017" in body and "<h2>Luật TĐKT 2022, NĐ 152/2025" not in body
    ws = xlsx(client.get(reverse("awards:catalogue"), {"regime": "law2013", "format": "xlsx"}))
    assert ws.cell(row=2, column=3).value == "Tên" and ws.cell(row=2, column=3).font.bold
    assert {ws.cell(row=r, column=1).value for r in range(3, ws.max_row + 1)} == {"Luật TĐKT 2003 (sửa đổi 2013), NĐ 91/2017"}


# -- decisions ----------------------------------------------------------------------------------------


def test_officer_records_a_decision_and_cash_is_computed(client, world):
    client.force_login(world.officer_school_a)
    url = reverse("awards:decision_create", kwargs={"pk": world.commune.pk})
    assert client.get(url).status_code == 404  # the commune is above the school officer
    client.force_login(world.officer_dept)
    response = client.post(url, {**header(), **lines({"kind_code": "LĐTT", "person": str(world.person_a.pk)})})
    decision = Decision.objects.get(number="25/QĐ-UBND")
    assert response.status_code == 302 and response["Location"] == reverse("awards:decision_detail", kwargs={"pk": decision.pk})
    body = client.get(response["Location"]).content.decode()
    assert "Lao động tiên tiến" in body and "760.000 đ" in body and "20/08/2026" in body


def test_collective_title_for_a_person_is_a_vietnamese_error_on_its_line_and_nothing_is_saved(client, world):
    client.force_login(world.officer_dept)
    url = reverse("awards:decision_create", kwargs={"pk": world.commune.pk})
    data = {
        **header(),
        **lines({"kind_code": "LDTT", "person": str(world.person_a.pk)}, {"kind_code": "TTLDTT", "person": str(world.colleague_a.pk)}),
    }
    response = client.post(url, data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Dòng 2: “Tập thể lao động tiên tiến” là danh hiệu, hình thức dành cho tập thể, không tặng cho cá nhân." in body
    assert not Decision.objects.exists() and not Award.objects.exists()


def test_cash_that_disagrees_with_the_coefficient_is_refused(client, world):
    client.force_login(world.officer_dept)
    url = reverse("awards:decision_create", kwargs={"pk": world.commune.pk})
    body = client.post(
        url, {**header(), **lines({"kind_code": "LDTT", "person": str(world.person_a.pk), "cash_amount": "759000"})}
    ).content.decode()
    assert "không khớp hệ số" in body and "760.000" in body
    assert not Decision.objects.exists()


def test_decision_date_before_the_period_is_a_field_error(client, world):
    client.force_login(world.officer_dept)
    url = reverse("awards:decision_create", kwargs={"pk": world.commune.pk})
    data = {**header(period_start="01/09/2026"), **lines({"kind_code": "LDTT", "person": str(world.person_a.pk)})}
    body = client.post(url, data).content.decode()
    assert "không thể trước thời gian lập thành tích" in body and not Decision.objects.exists()


def test_person_outside_scope_reads_as_unknown(client, world):
    client.force_login(world.officer_school_a)
    url = reverse("awards:decision_create", kwargs={"pk": world.school_a.pk})
    body = client.post(url, {**header(), **lines({"kind_code": "GK", "person": str(world.person_b.pk)})}).content.decode()
    # The picker names no database number: an id outside the scope is simply not a choice on offer.
    assert "Lựa chọn không có trong phạm vi của bạn." in body
    assert world.person_b.full_name not in body
    assert not Decision.objects.exists()


def test_a_decision_without_awards_is_refused(client, world):
    client.force_login(world.officer_school_a)
    body = client.post(reverse("awards:decision_create", kwargs={"pk": world.school_a.pk}), {**header(), **lines()}).content.decode()
    assert "Quyết định cần ít nhất một khen thưởng." in body


def test_scan_is_uploaded_type_checked_and_served_only_through_the_access_check(client, world, settings):
    client.force_login(world.officer_school_a)
    url = reverse("awards:decision_create", kwargs={"pk": world.school_a.pk})
    fake = SimpleUploadedFile("qd.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    body = client.post(url, {**header(), **lines({"kind_code": "GK", "person": str(world.person_a.pk)}), "scan": fake}).content.decode()
    assert "Bản quét phải là tệp PDF, PNG hoặc JPEG." in body and not Decision.objects.exists()
    scan = SimpleUploadedFile("qd.pdf", SCAN, content_type="application/pdf")
    client.post(url, {**header(), **lines({"kind_code": "GK", "person": str(world.person_a.pk)}), "scan": scan})
    decision = Decision.objects.get()
    response = client.get(reverse("awards:decision_scan", kwargs={"pk": decision.pk}))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == SCAN
    assert client.get("/" + settings.MEDIA_URL + decision.scan.name).status_code == 404
    client.force_login(world.officer_school_b)
    assert client.get(reverse("awards:decision_scan", kwargs={"pk": decision.pk})).status_code == 404


def test_amendment_removes_an_award_and_is_listed(client, world):
    decision = decide(
        world.officer_school_a,
        world.school_a,
        "3/QĐ",
        D(2026, 5, 20),
        [AwardSpec("GK", person=world.person_a), AwardSpec("GK", person=world.colleague_a)],
    )
    wrong = decision.awards.get(person=world.colleague_a)
    client.force_login(world.officer_school_a)
    url = reverse("awards:decision_amend", kwargs={"pk": decision.pk})
    response = client.post(
        url,
        {
            "number": "4/QĐ",
            "amendment_date": "25/05/2026",
            "reason": "Nhầm người",
            "remove_awards": [str(wrong.pk)],
            **lines({"kind_code": "GK", "person": str(world.person_b.pk)}),
        },
    )
    assert response.status_code == 200  # person_b is outside school A: nothing saved
    wrong.refresh_from_db()
    assert not wrong.revoked and not decision.amendments.exists()
    response = client.post(
        url, {"number": "4/QĐ", "amendment_date": "25/05/2026", "reason": "Nhầm người", "remove_awards": [str(wrong.pk)], **lines()}
    )
    assert response.status_code == 302
    wrong.refresh_from_db()
    assert wrong.revoked
    body = client.get(reverse("awards:decision_detail", kwargs={"pk": decision.pk})).content.decode()
    assert "4/QĐ" in body and "Nhầm người" in body and "Đã thu hồi" in body


def test_council_member_reads_decisions_but_cannot_revoke(client, world):
    decision = decide(world.officer_school_a, world.school_a, "3/QĐ", D(2026, 5, 20), [AwardSpec("GK", person=world.person_a)])
    client.force_login(world.council_a)
    body = client.get(reverse("awards:decision_detail", kwargs={"pk": decision.pk})).content.decode()
    assert "Hủy bỏ quyết định" not in body
    assert client.post(reverse("awards:decision_revoke", kwargs={"pk": decision.pk}), {"reason": "x"}).status_code == 403
    decision.refresh_from_db()
    assert decision.status == Decision.Status.IN_FORCE


def test_decision_list_searches_and_is_scoped(client, world):
    decide(world.officer_school_a, world.school_a, "3/QĐ-A", D(2026, 5, 20), [AwardSpec("GK", person=world.person_a)])
    decide(world.officer_school_b, world.school_b, "7/QĐ-B", D(2026, 5, 21), [AwardSpec("GK", person=world.person_b)])
    client.force_login(world.officer_school_b)
    body = client.get(reverse("awards:decisions")).content.decode()
    assert "7/QĐ-B" in body and "3/QĐ-A" not in body
    client.force_login(world.officer_dept)
    body = client.get(reverse("awards:decisions"), {"issuer": "tieu hoc"}).content.decode()
    assert "7/QĐ-B" in body and "3/QĐ-A" not in body
    body = client.get(reverse("awards:decisions"), {"number": "3/QĐ"}).content.decode()
    assert "3/QĐ-A" in body and "7/QĐ-B" not in body
    ws = xlsx(client.get(reverse("awards:decisions"), {"format": "xlsx"}))
    assert sorted(ws.cell(row=r, column=1).value for r in (3, 4)) == ["3/QĐ-A", "7/QĐ-B"]


def test_decision_list_takes_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    for i in range(30):
        decide(world.officer_school_a, world.school_a, f"{i}/QĐ", D(2026, 5, 20), [AwardSpec("GK", person=world.person_a)])
    client.force_login(world.officer_dept)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("awards:decisions"))
    assert response.status_code == 200 and "29/QĐ" in response.content.decode()


def test_teacher_has_no_decision_list(client, world):
    client.force_login(world.teacher_a)
    assert client.get(reverse("awards:decisions")).status_code == 403


# -- ledger pages and exports --------------------------------------------------------------------------


def test_person_page_links_to_the_ledger(client, world):
    client.force_login(world.officer_school_a)
    body = client.get(reverse("people:detail", kwargs={"pk": world.person_a.pk})).content.decode()
    assert reverse("awards:person_ledger", kwargs={"pk": world.person_a.pk}) in body


def _fill_book(world):
    people_services.rating_set(
        actor=world.officer_school_a, person=world.person_a, school_year=SchoolYear.objects.get(code="2024-2025"), rating="excellent"
    )
    decide(
        world.officer_school_a,
        world.school_a,
        "9/QĐ",
        D(2025, 5, 20),
        [AwardSpec("GK", person=world.person_a)],
        school_year=SchoolYear.objects.get(code="2024-2025"),
    )


def test_unit_book_page_switches_between_5_and_10_years(client, world):
    _fill_book(world)
    client.force_login(world.officer_school_a)
    url = reverse("awards:unit_book", kwargs={"pk": world.school_a.pk})
    body = client.get(url, {"start": 2021, "years": 5}).content.decode()
    assert "2021-2022" in body and "2025-2026" in body and "2026-2027" not in body
    assert "Nguyễn Thị Hoà" in body and "Hoàn thành xuất sắc nhiệm vụ" in body and "GK" in body
    body = client.get(url, {"start": 2016, "years": 10}).content.decode()
    assert "2016-2017" in body and "2025-2026" in body
    assert client.get(url, {"start": "abc"}).status_code == 200


def test_unit_book_page_takes_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    _fill_book(world)
    for i in range(10):
        make_person(name=f"Người Số {i}", unit=world.school_a)
    client.force_login(world.officer_school_a)
    with django_assert_max_num_queries(16):
        client.get(reverse("awards:unit_book", kwargs={"pk": world.school_a.pk}), {"start": 2021, "years": 5})


def test_unit_book_page_shows_fifty_people_a_page_and_the_export_everyone(client, world, django_assert_max_num_queries):
    from thidua.awards.views import BOOK_PAGE_SIZE

    _fill_book(world)  # Nguyễn Thị Hoà: rated and awarded in 2024-2025
    for i in range(BOOK_PAGE_SIZE + 5):
        make_person(name=f"Lê Văn Số {i:02d}", unit=world.school_a)  # "Lê" sorts before "Nguyễn" and "Trần"
    client.force_login(world.officer_school_a)
    url = reverse("awards:unit_book", kwargs={"pk": world.school_a.pk})
    first = client.get(url, {"start": 2021, "years": 5}).content.decode()
    assert "Lê Văn Số 00" in first and "Lê Văn Số 49" in first and "Lê Văn Số 50" not in first
    assert "Nguyễn Thị Hoà" not in first and "Trang 1/2" in first
    assert "?years=5&amp;start=2021&page=2" in first
    with django_assert_max_num_queries(16):
        second = client.get(url, {"start": 2021, "years": 5, "page": 2}).content.decode()
    assert "Lê Văn Số 49" not in second and "Lê Văn Số 54" in second and "Trang 2/2" in second
    # the row keeps its number in the whole book, and the cells of the page's people are read
    assert "<tr><td>57</td>" in second and "Nguyễn Thị Hoà" in second and "Hoàn thành xuất sắc nhiệm vụ" in second and "GK" in second
    assert client.get(url, {"start": 2021, "years": 5, "page": 9}).content.decode().count("Trang 2/2") == 1
    assert client.get(url, {"page": "x"}).status_code == 200
    ws = xlsx(client.get(url, {"start": 2021, "years": 5, "format": "xlsx"}))
    names = [ws.cell(row=r, column=2).value for r in range(6, 6 + BOOK_PAGE_SIZE + 7)]  # everyone, no page
    assert all(names) and {"Lê Văn Số 00", "Lê Văn Số 54", "Trần Văn Đức", "Nguyễn Thị Hoà"} <= set(names)


def test_unit_book_exports_like_the_paper_book(client, world):
    _fill_book(world)
    client.force_login(world.officer_school_a)
    ws = xlsx(client.get(reverse("awards:unit_book", kwargs={"pk": world.school_a.pk}), {"start": 2021, "years": 5, "format": "xlsx"}))
    assert ws.cell(row=1, column=1).value == "SỔ THEO DÕI THI ĐUA, KHEN THƯỞNG" and ws.cell(row=1, column=1).font.bold
    assert ws.cell(row=2, column=1).value == "Trường THCS Yên Tiến"
    assert ws.cell(row=4, column=4).value == "Năm học 2021-2022" and ws.cell(row=4, column=4).font.bold
    assert ws.cell(row=5, column=4).value == "Xếp loại"
    assert "D4:E4" in {str(r) for r in ws.merged_cells.ranges}
    names = [ws.cell(row=r, column=2).value for r in range(6, 8)]
    assert names == ["Trần Văn Đức", "Nguyễn Thị Hoà"]
    assert ws.cell(row=7, column=10).value == "Hoàn thành xuất sắc nhiệm vụ" and ws.cell(row=7, column=11).value == "GK"
    assert ws.column_dimensions["B"].width == 26


def test_award_search_by_name_without_diacritics_and_by_decision_number(client, world):
    _fill_book(world)
    client.force_login(world.officer_school_a)
    body = client.get(reverse("awards:search"), {"q": "nguyen thi hoa"}).content.decode()
    assert "9/QĐ" in body and "Giấy khen" in body
    assert "9/QĐ" in client.get(reverse("awards:search"), {"kind_code": "GK"}).content.decode()
    assert "9/QĐ" not in client.get(reverse("awards:search"), {"kind_code": "LDTT"}).content.decode()
    assert "Không tìm thấy." in client.get(reverse("awards:search"), {"decision_number": "999"}).content.decode()
    ws = xlsx(client.get(reverse("awards:search"), {"q": "hoa", "format": "xlsx"}))
    assert ws.cell(row=3, column=2).value == "Nguyễn Thị Hoà"
    client.force_login(world.officer_school_b)
    assert "9/QĐ" not in client.get(reverse("awards:search"), {"q": "hoa"}).content.decode()


def test_people_list_export_is_scoped(client, world):
    client.force_login(world.officer_school_b)
    ws = xlsx(client.get(reverse("people:list"), {"format": "xlsx"}))
    assert [ws.cell(row=r, column=2).value for r in range(3, ws.max_row + 1)] == ["Lê Thị Bích"]


def test_audit_log_export_is_scoped_and_neutralises_formulas(client, world):
    from thidua.people import services as ps

    ps.leave_add(
        actor=world.officer_school_a, person=world.person_a, kind="training", start_date=D(2024, 1, 1), end_date=D(2024, 3, 1), note="=1+1"
    )
    ps.person_update(actor=world.officer_school_b, person=world.person_b, full_name='=HYPERLINK("x")')
    client.force_login(world.officer_school_a)
    ws = xlsx(client.get(reverse("audit:log"), {"format": "xlsx"}))
    targets = [ws.cell(row=r, column=4).value for r in range(3, ws.max_row + 1)]
    assert targets and all("Lê Thị Bích" not in (t or "") and "HYPERLINK" not in (t or "") for t in targets)
    client.force_login(world.officer_school_b)
    ws = xlsx(client.get(reverse("audit:log"), {"format": "xlsx"}))
    values = [ws.cell(row=r, column=4).value for r in range(3, ws.max_row + 1)]
    assert any(v.startswith("'=HYPERLINK") for v in values)


@pytest.mark.parametrize("name", ["awards:decisions", "awards:ledger", "awards:search", "awards:catalogue"])
def test_nav_shows_award_entries_to_officers(client, world, name):
    client.force_login(world.officer_school_a)
    body = client.get(reverse("home")).content.decode()
    assert reverse("awards:decisions") in body and reverse("awards:ledger") in body
    assert client.get(reverse(name)).status_code == 200


def test_admin_change_of_a_used_catalogue_entry_adds_a_version(world, rf):
    from decimal import Decimal
    from types import SimpleNamespace

    from django.contrib.admin.sites import site

    from thidua.awards.models import AwardKind

    decide(world.officer_school_a, world.school_a, "3/QĐ", D(2026, 5, 20), [AwardSpec("GK", person=world.person_a)])
    kind = AwardKind.objects.get(code="GK", regime__code="law2022_nd152", is_current=True)
    request = rf.post("/")
    request.user = world.admin
    form = SimpleNamespace(changed_data=["coefficient", "regime"], cleaned_data={"coefficient": Decimal("0.15"), "regime": None})
    site._registry[AwardKind].save_model(request, kind, form, True)
    kind.refresh_from_db()
    assert kind.coefficient is None and not kind.is_current
    assert AwardKind.objects.get(code="GK", regime__code="law2022_nd152", is_current=True).coefficient == Decimal("0.15")


def test_a_scan_that_only_looks_like_a_png_is_a_form_error(client, world):
    client.force_login(world.officer_school_a)
    url = reverse("awards:decision_create", kwargs={"pk": world.school_a.pk})
    fake = SimpleUploadedFile("qd.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, content_type="image/png")
    response = client.post(url, {**header(), **lines({"kind_code": "GK", "person": str(world.person_a.pk)}), "scan": fake})
    assert response.status_code == 200
    assert "Tệp PNG bị hỏng hoặc không đọc được" in response.content.decode() and not Decision.objects.exists()


def test_award_search_by_a_units_name(client, world):
    _fill_book(world)
    client.force_login(world.officer_school_a)
    assert "9/QĐ" in client.get(reverse("awards:search"), {"unit_q": "thcs yen tien"}).content.decode()
    body = client.get(reverse("awards:search"), {"unit_q": world.school_b.name}).content.decode()
    assert "9/QĐ" not in body and "trong phạm vi của bạn" in body


def test_adding_a_line_to_an_amendment_saves_nothing(client, world):
    decision = decide(world.officer_school_a, world.school_a, "3/QĐ", D(2026, 5, 20), [AwardSpec("GK", person=world.person_a)])
    client.force_login(world.officer_school_a)
    url = reverse("awards:decision_amend", kwargs={"pk": decision.pk})
    data = {"number": "4/QĐ", "amendment_date": "25/05/2026", "reason": "Thêm người", "add_line": "1"}
    data |= lines({"kind_code": "GK", "person": str(world.colleague_a.pk)})
    body = client.post(url, data).content.decode()
    assert not decision.amendments.exists()
    assert 'name="lines-TOTAL_FORMS" value="2"' in body and "Thêm người" in body  # the reason typed is kept
    assert f'name="lines-0-person" value="{world.colleague_a.pk}"' in body
