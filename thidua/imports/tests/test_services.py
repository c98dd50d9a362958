"""Excel import: file checks, messy cells, matching, dry-run report, all-or-nothing commit, idempotency."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
import zipfile

import pytest

from tests.factories import make_person
from thidua.audit.models import AuditEvent
from thidua.awards.models import Award, Decision, InitiativeRecord
from thidua.core.errors import DomainError, PermissionDenied
from thidua.imports import services
from thidua.imports.models import ImportBatch
from thidua.people.models import AnnualRating, Employment, Person

from .conftest import report_rows, upload, xlsx

AWARD_HEADER = [
    "Họ và tên",
    "Ngày sinh",
    "Số định danh cá nhân",
    "Mã đơn vị",
    "Mã tập thể",
    "Danh hiệu/hình thức",
    "Năm học",
    "Số quyết định",
    "Ngày quyết định",
    "Mã đơn vị ban hành",
    "Loại hình khen thưởng",
    "Thời gian lập thành tích từ",
    "Thời gian lập thành tích đến",
    "Số tiền",
]


def award_row(
    name="Nguyễn Thị Hoà",
    *,
    nid="001185000001",
    dob="12/05/1985",
    unit="THCS-YT",
    collective=None,
    kind="LĐTT",
    number="12/QĐ-UBND",
    day="15/07/2025",
    issuer="XA-YT",
    start="01/09/2024",
    end="31/05/2025",
    amount=None,
):
    return [name, dob, nid, unit, collective, kind, "2024-2025", number, day, issuer, "Thường xuyên", start, end, amount]


STAFF_HEADER = [
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Dân tộc",
    "Số định danh cá nhân",
    "Mã đơn vị",
    "Chức vụ",
    "Loại cán bộ",
    "Từ ngày",
    "Đến ngày",
]


# -- file checks ---------------------------------------------------------------------------------------
def _refused(world, content: bytes, name="du-lieu.xlsx") -> DomainError:
    with pytest.raises(DomainError) as exc:
        services.import_create(actor=world.officer_dept, kind="awards", unit=world.school_a, upload=upload(content, name))
    assert ImportBatch.objects.count() == 0
    return exc.value


def test_a_file_named_xlsx_that_is_not_one_is_refused_in_vietnamese(world):
    error = _refused(world, b"Ho va ten;Ngay sinh\nNguyen Van A;1/1/1980\n")
    assert error.code == "not_xlsx" and "không phải là tệp Excel" in error.message


def test_a_zip_without_a_workbook_is_refused(world):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("hello.txt", "xin chào")
    assert _refused(world, out.getvalue()).code == "not_xlsx"


def test_a_zip_bomb_is_refused_before_parsing(world):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (50 * 1024 * 1024))
    error = _refused(world, out.getvalue())
    assert error.code == "zip_bomb" and "nén" in error.message


def test_an_oversized_file_is_refused(world, settings):
    settings.THIDUA_MAX_IMPORT_MB = 1
    error = _refused(world, b"PK\x03\x04" + b"\0" * (1024 * 1024 + 10))
    assert error.code == "file_too_large" and "1 MB" in error.message


def test_a_sheet_with_a_thousand_columns_is_refused(world):
    content = xlsx([*AWARD_HEADER, *[f"Cột {i}" for i in range(1000)]], [award_row()])
    error = _refused(world, content)
    assert error.code == "too_many_columns" and "1014" in error.message


def test_a_sheet_without_the_required_headers_is_refused(world):
    error = _refused(world, xlsx(["STT", "Họ và tên"], [[1, "A"]]))
    assert error.code == "missing_columns" and "Số quyết định" in error.message


def test_an_officer_of_school_b_cannot_import_into_school_a(world):
    with pytest.raises(PermissionDenied):
        services.import_create(actor=world.officer_school_b, kind="awards", unit=world.school_a, upload=upload(xlsx(AWARD_HEADER, [])))
    assert ImportBatch.objects.count() == 0


# -- messy cells ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "day",
    [
        "15/07/2025",
        "15-07-2025",
        "2025-07-15",
        "15/7/2025",
        dt.datetime.combine(dt.date(2025, 7, 15), dt.time()),  # naive, as openpyxl reads a date cell
        dt.date(2025, 7, 15),
        45853,
        " 15/07/2025 ",
    ],
)
def test_decision_dates_are_read_in_every_usual_spelling(world, run_import, day):
    batch = run_import(world.officer_dept, world.school_a, "awards", xlsx(AWARD_HEADER, [award_row(day=day)]))

    assert batch.status == ImportBatch.Status.VALIDATED, report_rows(batch)
    assert "ngày 15/07/2025" in report_rows(batch)[0]["text"]


@pytest.mark.parametrize("kind", ["LĐTT", "LDTT", "Lao động tiên tiến", "lao dong tien tien", "  Lao   động tiên tiến ", "L.Đ.T.T"])
def test_titles_are_read_in_full_abbreviated_or_without_diacritics(world, run_import, kind):
    batch = run_import(world.officer_dept, world.school_a, "awards", xlsx(AWARD_HEADER, [award_row(kind=kind)]))

    assert batch.summary["create"] == 1, report_rows(batch)


def test_nfd_text_and_a_title_row_above_a_diacritic_free_header_are_accepted(world, run_import):
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Hoà")
    header = [
        "STT",
        "Ho va ten",
        "NGÀY SINH",
        "Mã đơn vị",
        "danh hieu / hinh thuc",
        "So quyet dinh",
        "Ngay quyet dinh",
        "Ma don vi ban hanh",
    ]
    content = xlsx(
        header,
        [[1, nfd, "12/05/1985", "THCS-YT", "LĐTT", "12/QĐ-UBND", "15/07/2025", "XA-YT"]],
        above=[["DANH SÁCH KHEN THƯỞNG NĂM HỌC 2024-2025"], []],
    )
    batch = run_import(world.officer_dept, world.school_a, "awards", content, commit=True)

    assert batch.status == ImportBatch.Status.COMMITTED, (batch.error, report_rows(batch))
    assert batch.summary["header_row"] == 3
    assert Award.objects.get().person == world.person_a


def test_a_two_level_merged_header_is_understood(world, run_import):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(
        [
            "Họ và tên",
            "Số định danh cá nhân",
            "Danh hiệu/hình thức",
            "Số quyết định",
            "Ngày quyết định",
            "Mã đơn vị ban hành",
            "Thời gian lập thành tích",
            None,
        ]
    )
    ws.append([None, None, None, None, None, None, "Từ", "Đến"])
    for col in "ABCDEF":
        ws.merge_cells(f"{col}1:{col}2")
    ws.merge_cells("G1:H1")
    ws.append(["Nguyễn Thị Hoà", "001185000001", "LĐTT", "12/QĐ-UBND", "15/07/2025", "XA-YT", "01/09/2024", "31/05/2025"])
    out = io.BytesIO()
    wb.save(out)

    batch = run_import(world.officer_dept, world.school_a, "awards", out.getvalue(), commit=True)

    assert batch.status == ImportBatch.Status.COMMITTED, (batch.error, report_rows(batch))
    decision = Decision.objects.get()
    assert (decision.period_start, decision.period_end) == (dt.date(2024, 9, 1), dt.date(2025, 5, 31))


def test_a_national_id_typed_as_a_number_gets_its_leading_zeros_back(world, run_import):
    batch = run_import(world.officer_dept, world.school_a, "awards", xlsx(AWARD_HEADER, [award_row(nid=1185000001, name=None, dob=None)]))

    assert batch.summary["create"] == 1, report_rows(batch)


# -- report and commit -------------------------------------------------------------------------------------
def test_one_bad_row_in_the_middle_changes_nothing_and_is_named(world, run_import):
    rows = [award_row(), award_row(name="Trần Văn Đức", nid=None), award_row(name="Lê Thị Bích", nid="001185000002")]
    rows[1][8] = "32/13/2025"
    batch = run_import(world.officer_dept, world.commune, "awards", xlsx(AWARD_HEADER, rows))

    assert batch.status == ImportBatch.Status.INVALID
    bad = report_rows(batch)[0]
    assert bad["status"] == "error" and bad["row"] == 3
    assert bad["errors"][0]["message"].startswith("Dòng 3, cột “Ngày quyết định”: ngày không hợp lệ")
    with pytest.raises(DomainError, match="1 dòng lỗi"):
        services.import_commit_request(actor=world.officer_dept, batch=batch)
    assert Decision.objects.count() == 0 and Award.objects.count() == 0


def test_the_same_file_imported_twice_adds_nothing_the_second_time(world, run_import):
    content = xlsx(AWARD_HEADER, [award_row(), award_row(name="Trần Văn Đức", nid=None), award_row(name="Lê Thị Bích", nid="001185000002")])
    first = run_import(world.officer_dept, world.commune, "awards", content, commit=True)
    assert first.status == ImportBatch.Status.COMMITTED, report_rows(first)
    assert Award.objects.count() == 3 and Decision.objects.get().import_batch == first

    second = run_import(world.officer_dept, world.commune, "awards", content, commit=True)

    assert second.summary["exists"] == 3 and second.summary["create"] == 0
    assert second.status == ImportBatch.Status.COMMITTED
    assert Award.objects.count() == 3 and Decision.objects.count() == 1


def test_commit_is_audited_per_decision_and_per_batch(world, run_import):
    rows = [award_row(), award_row(name="Trần Văn Đức", nid=None, number="13/QĐ-UBND")]
    batch = run_import(world.officer_dept, world.school_a, "awards", xlsx(AWARD_HEADER, rows), commit=True)

    event = AuditEvent.objects.get(verb="import.committed")
    assert event.actor == world.officer_dept and event.target_id == str(batch.pk)
    assert event.after["written"] == {"decisions": 2, "awards": 2}
    assert AuditEvent.objects.filter(verb="decision.created").count() == 2
    assert AuditEvent.objects.filter(verb="import.created").count() == 1


def test_progress_reaches_100(world, run_import):
    batch = run_import(world.officer_dept, world.school_a, "awards", xlsx(AWARD_HEADER, [award_row()]), commit=True)

    assert batch.progress == 100 and batch.status == ImportBatch.Status.COMMITTED and batch.committed_at


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"kind": "Tập thể lao động tiên tiến", "collective": None}, "dành cho tập thể"),
        ({"day": "15/08/2024"}, "không thể trước thời gian lập thành tích"),
        ({"amount": "760.000"}, "không khớp hệ số"),
        ({"issuer": "THCS-YT-TN"}, "không có thẩm quyền"),
        ({"kind": "Danh hiệu không có"}, "không có trong danh mục"),
    ],
)
def test_award_rules_of_the_decision_service_apply(world, run_import, change, reason):
    batch = run_import(world.officer_dept, world.school_a, "awards", xlsx(AWARD_HEADER, [award_row(**change)]))

    assert batch.status == ImportBatch.Status.INVALID
    assert reason in report_rows(batch)[0]["errors"][0]["reason"], report_rows(batch)


def test_a_collective_award_goes_to_the_unit(world, run_import):
    row = award_row(name=None, nid=None, dob=None, unit=None, collective="THCS-YT", kind="TTLĐTT")
    batch = run_import(world.officer_dept, world.school_a, "awards", xlsx(AWARD_HEADER, [row]), commit=True)

    assert batch.status == ImportBatch.Status.COMMITTED, report_rows(batch)
    assert Award.objects.get().unit == world.school_a


# -- matching ----------------------------------------------------------------------------------------------
def test_person_is_matched_by_national_id_then_by_name_birth_date_and_unit(world, run_import):
    rows = [award_row(name="Nguyen Thi Hoa", dob=None), award_row(name="TRẦN VĂN ĐỨC", nid=None, dob="12/05/1985", unit="THCS-YT")]
    batch = run_import(world.officer_dept, world.school_a, "awards", xlsx(AWARD_HEADER, rows), commit=True)

    assert batch.status == ImportBatch.Status.COMMITTED, report_rows(batch)
    assert set(Award.objects.values_list("person", flat=True)) == {world.person_a.pk, world.colleague_a.pk}


def test_a_national_id_with_another_name_is_an_error(world, run_import):
    batch = run_import(world.officer_dept, world.school_a, "awards", xlsx(AWARD_HEADER, [award_row(name="Trần Văn Đức")]))

    assert "không khớp" in report_rows(batch)[0]["errors"][0]["reason"]


def test_ambiguous_match_lists_candidates_and_blocks_commit_until_resolved(world, run_import):
    twin = make_person(name="Nguyễn Thị Hoà", unit=world.team_a)
    batch = run_import(world.officer_dept, world.school_a, "awards", xlsx(AWARD_HEADER, [award_row(nid=None)]))

    row = report_rows(batch)[0]
    assert batch.status == ImportBatch.Status.VALIDATED and row["status"] == "ambiguous"
    assert {c["id"] for c in row["candidates"]} == {world.person_a.pk, twin.pk}
    with pytest.raises(DomainError, match="chưa được chọn"):
        services.import_commit_request(actor=world.officer_dept, batch=batch)
    assert Award.objects.count() == 0


def test_a_resolved_ambiguity_commits_to_the_chosen_person(world, run_import):
    twin = make_person(name="Nguyễn Thị Hoà", unit=world.team_a)
    content = xlsx(AWARD_HEADER, [award_row(nid=None)])
    batch = run_import(world.officer_dept, world.school_a, "awards", content, commit=True, resolutions={2: twin.pk})

    assert batch.status == ImportBatch.Status.COMMITTED, (batch.error, report_rows(batch))
    assert Award.objects.get().person == twin


def test_people_outside_the_batch_unit_are_never_matched(world, run_import):
    # Lê Thị Bích works in school B: an import for school A does not see her, even by national ID.
    batch = run_import(
        world.officer_dept, world.school_a, "awards", xlsx(AWARD_HEADER, [award_row(name="Lê Thị Bích", nid="001185000002")])
    )

    assert batch.status == ImportBatch.Status.INVALID
    assert "không tìm thấy" in report_rows(batch)[0]["errors"][0]["reason"]
    assert "Bích" not in str(report_rows(batch)[0].get("candidates", ""))


def test_an_officer_of_school_b_cannot_match_people_of_school_a(world, run_import):
    batch = run_import(
        world.officer_school_b, world.school_b, "ratings", xlsx(RATING_HEADER, [["Nguyễn Thị Hoà", "001185000001", "2023-2024", "HTTNV"]])
    )

    assert batch.status == ImportBatch.Status.INVALID
    assert AnnualRating.objects.count() == 0


# -- other kinds -------------------------------------------------------------------------------------------
RATING_HEADER = ["Họ và tên", "Số định danh cá nhân", "Năm học", "Xếp loại"]


def test_ratings_are_imported_once(world, run_import):
    content = xlsx(RATING_HEADER, [["Nguyễn Thị Hoà", "001185000001", "2023-2024", "HTXSNV"], ["Trần Văn Đức", None, "2023 - 2024", "tốt"]])
    batch = run_import(world.officer_school_a, world.school_a, "ratings", content, commit=True)
    assert batch.status == ImportBatch.Status.COMMITTED, report_rows(batch)
    assert AnnualRating.objects.get(person=world.person_a).rating == "excellent"
    assert AnnualRating.objects.get(person=world.colleague_a).unit == world.school_a

    again = run_import(world.officer_school_a, world.school_a, "ratings", content, commit=True)

    assert again.summary["exists"] == 2 and AnnualRating.objects.count() == 2


def test_a_rating_for_a_year_the_person_did_not_work_is_an_error(world, run_import):
    batch = run_import(
        world.officer_school_a, world.school_a, "ratings", xlsx(RATING_HEADER, [["Nguyễn Thị Hoà", "001185000001", "2012-2013", "HTT"]])
    )

    assert "không công tác trong năm học" in report_rows(batch)[0]["errors"][0]["reason"]


def test_staff_list_creates_people_and_employment_once(world, run_import):
    rows = [
        ["Đỗ Thu Hà", "3/4/1990", "Nữ", None, "'001190000009".strip("'"), "THCS-YT", "Giáo viên", "Giáo viên", "01/09/2015", "31/08/2020"],
        ["Đỗ Thu Hà", "3/4/1990", "nu", "Kinh", "001190000009", "THCS-YT-TN", "Tổ trưởng", "GV", "01/09/2020", None],
        ["Trần Văn Đức", "12/05/1985", "Nam", "Kinh", None, "THCS-YT", "Giáo viên", "Giáo viên", "01/09/2016", None],
    ]
    batch = run_import(world.officer_school_a, world.school_a, "staff", xlsx(STAFF_HEADER, rows), commit=True)

    assert batch.status == ImportBatch.Status.COMMITTED, report_rows(batch)
    ha = Person.objects.get(national_id="001190000009")
    assert ha.full_name == "Đỗ Thu Hà" and ha.current_unit == world.team_a and ha.current_position == "Tổ trưởng"
    assert ha.employments.count() == 2
    assert batch.summary["exists"] == 1  # Trần Văn Đức's employment is already there
    assert AuditEvent.objects.filter(verb="person.created", person_id=ha.pk).exists()

    again = run_import(world.officer_school_a, world.school_a, "staff", xlsx(STAFF_HEADER, rows), commit=True)
    assert again.summary["exists"] == 3 and Person.objects.filter(full_name="Đỗ Thu Hà").count() == 1
    assert Employment.objects.filter(person=ha).count() == 2


def test_staff_overlapping_periods_are_an_error(world, run_import):
    rows = [["Trần Văn Đức", "12/05/1985", "Nam", "Kinh", None, "THCS-YT-TN", "Giáo viên", "Giáo viên", "01/09/2018", None]]
    batch = run_import(world.officer_school_a, world.school_a, "staff", xlsx(STAFF_HEADER, rows))

    assert "trùng với quá trình" in report_rows(batch)[0]["errors"][0]["reason"]


def test_initiatives_group_authors_and_are_imported_once(world, run_import):
    header = [
        "Họ và tên",
        "Số định danh cá nhân",
        "Tên sáng kiến",
        "Năm học",
        "Phạm vi ảnh hưởng",
        "Mã đơn vị công nhận",
        "Số quyết định công nhận",
    ]
    rows = [
        ["Nguyễn Thị Hoà", "001185000001", "Dạy học STEM", "2023-2024", "Cơ sở", "THCS-YT", "45/QĐ"],
        ["Trần Văn Đức", None, "Dạy học STEM", "2023-2024", "co so", "THCS-YT", "45/QĐ"],
    ]
    batch = run_import(world.officer_school_a, world.school_a, "initiatives", xlsx(header, rows), commit=True)
    assert batch.status == ImportBatch.Status.COMMITTED, report_rows(batch)
    record = InitiativeRecord.objects.get()
    assert set(record.authors.all()) == {world.person_a, world.colleague_a} and record.import_batch == batch

    again = run_import(world.officer_school_a, world.school_a, "initiatives", xlsx(header, rows), commit=True)
    assert again.summary["exists"] == 2 and InitiativeRecord.objects.count() == 1


def test_templates_have_vietnamese_headers_and_instructions():
    from openpyxl import load_workbook

    from thidua.imports.blank import template_bytes

    for kind in ("staff", "ratings", "awards", "initiatives"):
        wb = load_workbook(io.BytesIO(template_bytes(kind)))
        assert wb.sheetnames[1] == "Hướng dẫn"
        headers = [c.value for c in wb.worksheets[0][1]]
        assert any(h.endswith(" *") for h in headers) and wb["Hướng dẫn"].max_row > len(headers)
    wb = load_workbook(io.BytesIO(template_bytes("staff")))
    assert [c.value.rstrip(" *") for c in wb.worksheets[0][1]][:3] == ["Họ và tên", "Ngày sinh", "Giới tính"]


def test_a_filled_in_template_is_accepted(world, run_import):
    from openpyxl import load_workbook

    from thidua.imports.blank import template_bytes

    wb = load_workbook(io.BytesIO(template_bytes("ratings")))
    ws = wb.worksheets[0]
    keys = [c.value.rstrip(" *") for c in ws[1]]
    ws.append(
        [
            {
                "Họ và tên": "Nguyễn Thị Hoà",
                "Số định danh cá nhân": "001185000001",
                "Năm học": "2023-2024",
                "Xếp loại": "Hoàn thành tốt nhiệm vụ",
            }.get(k)
            for k in keys
        ]
    )
    out = io.BytesIO()
    wb.save(out)

    batch = run_import(world.officer_school_a, world.school_a, "ratings", out.getvalue(), commit=True)

    assert batch.status == ImportBatch.Status.COMMITTED, report_rows(batch)
