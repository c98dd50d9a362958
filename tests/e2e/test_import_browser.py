"""Issue 3 acceptance: import a small awards file through the UI, read the dry run, commit, and find the
award on the person's ledger timeline."""

import io

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from tests.e2e.test_browser import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADER = ["Số định danh cá nhân", "Họ và tên", "Danh hiệu/hình thức", "Năm học", "Số quyết định", "Ngày quyết định", "Mã đơn vị ban hành"]


def _awards_file(path):
    wb = Workbook()
    ws = wb.active
    ws.append(["DANH SÁCH KHEN THƯỞNG NĂM HỌC 2023-2024"])  # a title row above the header, as real files have
    ws.append(HEADER)
    ws.append(["001185000001", "Nguyễn Thị Hoà", "LĐTT", "2023-2024", "88/QĐ-SGDĐT", "15/06/2024", "SGD-NB"])
    buffer = io.BytesIO()
    wb.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def test_officer_imports_awards_sees_the_dry_run_commits_and_finds_the_award_on_the_timeline(page, live_server, world, tmp_path):
    login(page, live_server, "officer_dept")
    page.goto(f"{live_server.url}/imports/new/")
    page.select_option("select[name=kind]", "awards")
    expect(page.locator("input[name=unit_q]")).to_have_value(world.dept.name)  # the officer's own unit, preselected
    page.set_input_files("input[type=file]", str(_awards_file(tmp_path / "khen-thuong.xlsx")))
    page.click("button[type=submit]")
    # The dry run reports what it would create; nothing is written yet.
    expect(page.locator("#import-report")).to_contain_text("Sẽ tạo")
    page.click("text=Ghi dữ liệu")
    expect(page.locator("#import-status")).to_contain_text("Đã ghi dữ liệu", timeout=15_000)
    page.goto(f"{live_server.url}/awards/people/{world.person_a.pk}/")
    expect(page.locator("body")).to_contain_text("Lao động tiên tiến")
    expect(page.locator("body")).to_contain_text("88/QĐ-SGDĐT")
