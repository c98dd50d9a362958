"""The NĐ 30/2020/NĐ-CP layout of an administrative document, as plain texts (no Django, no ORM).

Both renderers (``docx.py`` through docxtpl, ``pdf.py`` through WeasyPrint) place the same texts, so a
document's DOCX and PDF cannot say different things. Rules (NĐ 30/2020 Phụ lục I):

* Quốc hiệu upper case, bold; tiêu ngữ bold with a rule as long as the text under it.
* Issuing body: the parent body (cơ quan chủ quản) upper case over the issuing unit, upper case and bold,
  a short rule under it.
* ``Số: 05/KH-THCSNT``: numbers below 10 written with two digits; a number not yet given leaves the blank
  that is filled in by hand when the paper is registered ("Số:      /QĐ-…").
* Place and date: "Bắc Ninh, ngày 05 tháng 9 năm 2025": days below 10 and the months 1 and 2 get a leading
  zero, the other months do not.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
BLANK_NUMBER = "\u00a0" * 6  # room for the number written by the clerk
BLANK_PLACE = "……………"


def nfc(text: str | None) -> str:
    return unicodedata.normalize("NFC", text or "").strip()


def upper(text: str | None) -> str:
    """Upper case with the Vietnamese letters (ư → Ư, đ → Đ, ậ → Ậ), NFC in and out."""
    return unicodedata.normalize("NFC", nfc(text).upper())


def day_text(day: int) -> str:
    return f"{day:02d}"


def month_text(month: int) -> str:
    """NĐ 30: months 1 and 2 take a leading zero ("tháng 01", "tháng 02"), the others do not ("tháng 3")."""
    return f"{month:02d}" if month < 3 else str(month)


def date_text(day: dt.date | None) -> str:
    """ "ngày 05 tháng 9 năm 2025"; without a date, dotted blanks to fill by hand."""
    if day is None:
        return "ngày … tháng … năm …"
    return f"ngày {day_text(day.day)} tháng {month_text(day.month)} năm {day.year}"


def place_date(place: str | None, day: dt.date | None) -> str:
    """ "Bắc Ninh, ngày 05 tháng 9 năm 2025" (the place is the province or commune where the issuer sits)."""
    return f"{nfc(place) or BLANK_PLACE}, {date_text(day)}"


def number_text(number: int | str | None) -> str:
    """A running number as NĐ 30 writes it: two digits below 10 ("05"), a blank when not given yet."""
    if number is None or number == "":
        return BLANK_NUMBER
    if isinstance(number, int) or str(number).isdigit():
        return f"{int(number):02d}"
    return nfc(str(number))


def symbol(number: int | str | None, kind_abbrev: str, issuer_abbrev: str) -> str:
    """ "05/KH-THCSNT"; without an issuer abbreviation, "05/KH"."""
    tail = f"{nfc(kind_abbrev)}-{nfc(issuer_abbrev)}" if issuer_abbrev else nfc(kind_abbrev)
    return f"{number_text(number)}/{tail}"


def number_line(number: int | str | None, kind_abbrev: str, issuer_abbrev: str) -> str:
    """ "Số: 05/KH-THCSNT"."""
    return f"Số: {symbol(number, kind_abbrev, issuer_abbrev)}"


def number_line_of(reference: str | None) -> str:
    """ "Số: 15/QĐ-THCSYT" from a number already written in full (a recorded decision)."""
    reference = nfc(reference)
    return f"Số: {reference}" if reference else f"Số: {BLANK_NUMBER}"


@dataclass(frozen=True)
class Header:
    """The two columns above the title: issuing body and number left, Quốc hiệu and date right."""

    parent: str  # upper case, may be ""
    issuer: str  # upper case
    number: str  # "Số: …", may be "" for papers without a number (bản đăng ký)
    place_date: str
    quoc_hieu: str = QUOC_HIEU
    tieu_ngu: str = TIEU_NGU


def header(*, parent: str, issuer: str, place: str, day: dt.date | None, number: str = "") -> Header:
    return Header(parent=upper(parent), issuer=upper(issuer), number=number, place_date=place_date(place, day))


@dataclass(frozen=True)
class Signature:
    """Right column of the footer: "TM. …" / "KT. …" authority line(s), the position, the signer's name."""

    authority: str = ""  # e.g. "TM. BAN GIÁM HIỆU", "KT. HIỆU TRƯỞNG" (upper)
    position: str = ""  # e.g. "HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG" (upper)
    name: str = ""  # no academic titles
    note: str = ""  # e.g. "(Ký, ghi rõ họ tên, đóng dấu)" when the name is written by hand

    @property
    def lines(self) -> list[str]:
        return [line for line in (self.authority, self.position) if line]


def signature(*, position: str, name: str, authority: str = "", note: str = "") -> Signature:
    return Signature(authority=upper(authority), position=upper(position), name=nfc(name), note=note)


@dataclass(frozen=True)
class Recipients:
    """ "Nơi nhận:" with one "- …;" per recipient and "- Lưu: VT." last."""

    items: tuple[str, ...] = ()
    archive: str = "VT"

    @property
    def lines(self) -> list[str]:
        lines = [f"- {nfc(item)};" for item in self.items if nfc(item)]
        lines.append(f"- Lưu: {self.archive}.")
        return lines


def legal_bases(lines: list[str]) -> list[str]:
    """Căn cứ lines end with ";" and the last one with "."."""
    cleaned = [nfc(line).rstrip(";.,") for line in lines if nfc(line)]
    return [line + (";" if i < len(cleaned) - 1 else ".") for i, line in enumerate(cleaned)]


@dataclass
class Layout:
    """Everything of the NĐ 30 frame of one document, as texts."""

    header: Header
    title: str  # upper
    subtitle: str = ""  # trích yếu under the title
    bases: list[str] = field(default_factory=list)
    recipients: Recipients | None = None
    signature: Signature = field(default_factory=Signature)
