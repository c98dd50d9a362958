"""The columns of each import kind: Vietnamese header, whether required, what it accepts.

One table drives the downloadable template, its instructions sheet and the header matching of an
uploaded file (diacritic-blind, so "Ho va ten", "HỌ VÀ TÊN" and NFD text all match "Họ và tên"), and
names the model field each stored text column ends in, so the dry run refuses what the commit could not
store (a 5,000-character name) with the field's own ``max_length``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from django.apps import apps

from thidua.core.vietnamese import fold

from .models import ImportKind


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool
    help: str
    aliases: tuple[str, ...] = ()
    example: object = ""
    stored: str = ""  # "app_label.Model.field" the text is stored in (or matched against), for its max_length

    def names(self) -> set[str]:
        return {header_key(self.header), *(header_key(a) for a in self.aliases)}


_NOT_WORD = re.compile(r"[^a-z0-9]+")


def header_key(text: object) -> str:
    """What a header cell is compared by: folded, punctuation and the required-mark "*" ignored."""
    return _NOT_WORD.sub(" ", fold(str(text or ""))).strip()


DATE_HELP = "Ngày, dạng dd/mm/yyyy (1/9/2020, 01-09-2020, 2020-09-01 hoặc ô kiểu ngày của Excel)."
PERSON_HELP = (
    "Cá nhân được nhận ra theo số định danh cá nhân; nếu không có thì theo họ tên + ngày sinh + đơn vị "
    "(người đã hoặc đang công tác tại đơn vị đó hay đơn vị trực thuộc)."
)

NAME = "people.Person.full_name"

_PERSON = [
    Column("full_name", "Họ và tên", False, "Họ và tên đầy đủ. " + PERSON_HELP, ("Họ tên", "Tên cá nhân"), "Nguyễn Thị Hoà", NAME),
    Column("date_of_birth", "Ngày sinh", False, DATE_HELP, (), "12/05/1985"),
    Column(
        "national_id",
        "Số định danh cá nhân",
        False,
        "12 chữ số (số CCCD). Nên gõ dạng văn bản để giữ số 0 ở đầu.",
        ("Số CCCD", "CCCD", "Số căn cước", "Định danh cá nhân"),
        "001185000001",
    ),
    Column(
        "unit_code",
        "Mã đơn vị",
        False,
        "Mã đơn vị nơi cá nhân công tác (dùng để tìm cá nhân khi không có số định danh).",
        ("Đơn vị",),
        "THCS-YT",
    ),
]

COLUMNS: dict[str, list[Column]] = {
    ImportKind.STAFF: [
        Column("full_name", "Họ và tên", True, "Họ và tên đầy đủ.", ("Họ tên",), "Nguyễn Thị Hoà", NAME),
        Column("date_of_birth", "Ngày sinh", False, DATE_HELP, (), "12/05/1985"),
        Column("gender", "Giới tính", True, "Nam hoặc Nữ.", (), "Nữ"),
        Column("ethnicity", "Dân tộc", False, "Bỏ trống: Kinh.", (), "Kinh", "people.Person.ethnicity"),
        Column(
            "national_id",
            "Số định danh cá nhân",
            False,
            "12 chữ số (số CCCD). Nên gõ dạng văn bản để giữ số 0 ở đầu.",
            ("Số CCCD", "CCCD", "Số căn cước"),
            "001185000001",
        ),
        Column("unit_code", "Mã đơn vị", True, "Mã đơn vị công tác (đơn vị nhập hoặc đơn vị trực thuộc).", (), "THCS-YT"),
        Column("position", "Chức vụ", False, "Ví dụ: Giáo viên, Tổ trưởng, Hiệu trưởng.", (), "Giáo viên", "people.Employment.position"),
        Column("staff_type", "Loại cán bộ", True, "Cán bộ quản lý, Giáo viên, Nhân viên hoặc Người lao động.", (), "Giáo viên"),
        Column("start_date", "Từ ngày", True, "Ngày bắt đầu công tác tại đơn vị. " + DATE_HELP, ("Ngày bắt đầu",), "01/09/2016"),
        Column("end_date", "Đến ngày", False, "Bỏ trống nếu đang công tác. " + DATE_HELP, ("Ngày kết thúc",), ""),
    ],
    ImportKind.RATINGS: [
        *_PERSON,
        Column("school_year", "Năm học", True, "Dạng 2023-2024.", (), "2023-2024"),
        Column(
            "rating",
            "Xếp loại",
            True,
            "Hoàn thành xuất sắc nhiệm vụ (HTXSNV), Hoàn thành tốt nhiệm vụ (HTTNV), Hoàn thành nhiệm vụ (HTNV), "
            "Không hoàn thành nhiệm vụ (KHTNV).",
            ("Kết quả xếp loại", "Đánh giá, xếp loại"),
            "Hoàn thành tốt nhiệm vụ",
        ),
        Column("note", "Ghi chú", False, "", (), "", "people.AnnualRating.note"),
    ],
    ImportKind.AWARDS: [
        *_PERSON,
        Column(
            "collective_code",
            "Mã tập thể",
            False,
            "Với khen thưởng tập thể: mã đơn vị được khen (khi đó bỏ trống các cột cá nhân).",
            ("Tập thể", "Mã tập thể được khen"),
            "",
        ),
        Column(
            "kind",
            "Danh hiệu/hình thức",
            True,
            "Tên đầy đủ hoặc viết tắt, có dấu hoặc không dấu: Lao động tiên tiến (LĐTT), Chiến sĩ thi đua cơ sở (CSTĐCS), "
            "Giấy khen, Bằng khen…",
            ("Danh hiệu", "Hình thức khen thưởng", "Danh hiệu, hình thức"),
            "Lao động tiên tiến",
        ),
        Column(
            "school_year",
            "Năm học",
            False,
            "Dạng 2023-2024. Bỏ trống: năm học chứa ngày cuối của thời gian lập thành tích (hoặc ngày quyết định).",
            (),
            "2023-2024",
        ),
        Column(
            "number",
            "Số quyết định",
            True,
            "Như trên quyết định, ví dụ 123/QĐ-SGDĐT.",
            ("Số QĐ",),
            "123/QĐ-SGDĐT",
            "awards.Decision.number",
        ),
        Column("decision_date", "Ngày quyết định", True, DATE_HELP, ("Ngày QĐ", "Ngày ký"), "15/06/2024"),
        Column(
            "issuer_code",
            "Mã đơn vị ban hành",
            True,
            "Mã đơn vị ra quyết định (trong phạm vi bạn được ghi).",
            ("Đơn vị ban hành", "Cơ quan ban hành"),
            "SGD-NB",
        ),
        Column(
            "award_type",
            "Loại hình khen thưởng",
            False,
            "Thường xuyên, Theo đợt, Chuyên đề, Đột xuất, Quá trình cống hiến, Theo niên hạn. Bỏ trống: Thường xuyên.",
            ("Loại hình",),
            "Thường xuyên",
        ),
        Column("period_start", "Thời gian lập thành tích từ", False, DATE_HELP, ("Thành tích từ ngày",), "01/09/2023"),
        Column("period_end", "Thời gian lập thành tích đến", False, DATE_HELP, ("Thành tích đến ngày",), "31/05/2024"),
        Column(
            "cash_amount",
            "Số tiền",
            False,
            "Đồng, không bắt buộc. Nếu ghi phải bằng hệ số × lương cơ sở tại ngày quyết định, làm tròn lên 10.000 đồng.",
            ("Tiền thưởng", "Số tiền thưởng"),
            "",
        ),
        Column("note", "Ghi chú", False, "", (), "", "awards.Award.note"),
    ],
    ImportKind.INITIATIVES: [
        *_PERSON,
        Column(
            "title",
            "Tên sáng kiến",
            True,
            "Mỗi tác giả một dòng; các dòng cùng tên sáng kiến, năm học và quyết định là một sáng kiến.",
            ("Sáng kiến",),
            "Dạy học STEM môn Vật lí 9",
            "awards.InitiativeRecord.title",
        ),
        Column("school_year", "Năm học", True, "Dạng 2023-2024.", (), "2023-2024"),
        Column("scope", "Phạm vi ảnh hưởng", True, "Cơ sở; Bộ, ngành, tỉnh; Toàn quốc.", ("Phạm vi",), "Cơ sở"),
        Column("recognising_unit", "Mã đơn vị công nhận", True, "Mã đơn vị ra quyết định công nhận.", ("Đơn vị công nhận",), "THCS-YT"),
        Column(
            "decision_number",
            "Số quyết định công nhận",
            False,
            "",
            ("Số QĐ công nhận",),
            "45/QĐ-THCS",
            "awards.InitiativeRecord.decision_number",
        ),
        Column("decision_date", "Ngày công nhận", False, DATE_HELP, ("Ngày quyết định công nhận",), "20/05/2024"),
    ],
}

SHEET_TITLES = {
    ImportKind.STAFF: "Danh sách cán bộ",
    ImportKind.RATINGS: "Xếp loại hằng năm",
    ImportKind.AWARDS: "Khen thưởng",
    ImportKind.INITIATIVES: "Sáng kiến",
}
INSTRUCTIONS_SHEET = "Hướng dẫn"


def columns_for(kind: str) -> list[Column]:
    return COLUMNS[kind]


@cache
def max_lengths(kind: str) -> dict[str, int]:
    """Column key -> the ``max_length`` of the model field its text is stored in."""
    out: dict[str, int] = {}
    for column in COLUMNS[kind]:
        if column.stored:
            label, model, name = column.stored.split(".")
            limit = apps.get_model(label, model)._meta.get_field(name).max_length
            if limit:
                out[column.key] = limit
    return out
