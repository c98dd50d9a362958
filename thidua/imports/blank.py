"""The downloadable template of each import kind: a data sheet with Vietnamese headers and an example
row, and an instructions sheet ("Hướng dẫn") explaining every column and the values it accepts."""

from __future__ import annotations

import io

from .columns import INSTRUCTIONS_SHEET, SHEET_TITLES, columns_for
from .models import ImportKind

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

GENERAL = [
    "Mỗi dòng dưới dòng tiêu đề là một bản ghi. Không đổi tên các cột; có thể thêm cột STT hay cột khác, hệ thống bỏ qua.",
    "Cột có dấu * là bắt buộc. Tiêu đề được nhận ra cả khi không dấu hoặc có dòng tên bảng phía trên.",
    "Ngày ghi dạng dd/mm/yyyy (1/9/2020, 01-09-2020, 2020-09-01 hoặc ô kiểu ngày đều được).",
    "Tải tệp lên, hệ thống kiểm tra thử từng dòng và báo lỗi (dòng, cột, lý do) trước khi ghi; chỉ ghi khi mọi dòng hợp lệ.",
    "Nhập lại cùng một tệp không tạo thêm dữ liệu: dòng đã có được báo “đã có”.",
]


TEXT_KEYS = {"national_id", "unit_code", "collective_code", "issuer_code", "recognising_unit", "number", "decision_number"}
TEXT_ROWS = 500


def filename(kind: str) -> str:
    return f"mau-nhap-{kind}.xlsx"


def template_bytes(kind: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    kind = ImportKind(kind)
    columns = columns_for(kind)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_TITLES[kind]
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE7F0")
    for i, col in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=i, value=col.header + (" *" if col.required else ""))
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(i)].width = max(14, min(40, len(col.header) + 4))
        if col.key in TEXT_KEYS:  # text cells keep the leading zeros of national IDs and codes
            for row in range(2, TEXT_ROWS + 2):
                ws.cell(row=row, column=i).number_format = "@"
    ws.freeze_panes = "A2"

    guide = wb.create_sheet(INSTRUCTIONS_SHEET)
    guide.append([f"Hướng dẫn nhập: {SHEET_TITLES[kind]}"])
    guide["A1"].font = Font(bold=True, size=13)
    for line in GENERAL:
        guide.append([line])
    guide.append([])
    guide.append(["Cột", "Bắt buộc", "Giải thích, giá trị chấp nhận", "Tên khác được chấp nhận", "Ví dụ"])
    for cell in guide[guide.max_row]:
        cell.font, cell.fill = bold, fill
    for col in columns:
        guide.append([col.header, "Có" if col.required else "", col.help, ", ".join(col.aliases), str(col.example or "")])
    for letter, width in zip("ABCDE", (30, 10, 90, 40, 24), strict=True):
        guide.column_dimensions[letter].width = width
    for row in guide.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
