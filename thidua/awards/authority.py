"""Who may grant what (thẩm quyền, DOMAIN §1.2, §2.2, §6.4): one table and pure functions over plain values.

The decision form, the API, the Excel import (all through ``services._build_award`` or the importer's
in-memory check) and the catalogue page read this module and nothing else, so the authority a user reads
in the catalogue is the authority the system enforces.

A line of ``GRANTS`` names an issuer — a unit kind of the tree, or ``LEGAL_ENTITY`` for any unit whose kind
has legal personality (tư cách pháp nhân) and is not named in the table — the titles and forms it decides,
the period (inclusive dates) and the citation with its DOMAIN status tag. Two rules read it:

* A kind named in the table is governed by its own lines only. The district office (Phòng GD&ĐT, filing
  the Chủ tịch UBND huyện's decisions) has legal personality but decides nothing from 01/07/2025, when
  the district level ended; the generic line must not revive it.
* Authorities outside the sector's tree file their decisions under the node that stands for them: the
  Sở GD&ĐT for the Chủ tịch UBND tỉnh (unless the tree has a ``province`` node), the Ministry for the
  Prime Minister and the State President. The Bộ trưởng's and the Chủ tịch UBND tỉnh's Bằng khen (and
  CSTĐ, Cờ thi đua, TTLĐXS) are separate lines with their own issuer, route and citation: the Ministry
  cannot file the province's, the Sở cannot file the Minister's.

Whether the recipient is within the issuer's reach (its subtree on the decision date) is checked
separately by the services; this module answers only "may this kind of issuer decide this title on this
day".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from thidua.rules.engine.regimes import NEW98

D = dt.date
C, P, U = "confirmed", "partial", "unconfirmed"
TAGS = {C: "✅", P: "⚠️", U: "❓"}

LEGAL_ENTITY = "*legal_entity"
LAW_2022 = NEW98.effective_from  # Luật 06/2022/QH15 in force (DOMAIN §1 row 5): the regimes table
SWITCH = D(2025, 7, 1)  # district level ends, communes take over (DOMAIN §1 row 11, §2.1)

OLD = (None, LAW_2022 - dt.timedelta(days=1))
LAW2022 = (LAW_2022, None)
BEFORE_SWITCH = (LAW_2022, SWITCH - dt.timedelta(days=1))
FROM_SWITCH = (SWITCH, None)
ALWAYS = (None, None)

LOCAL = frozenset({"LDTT", "CSTDCS", "TTLDTT", "GK", "GK_TT"})
PROVINCIAL = frozenset({"CSTD_BO_TINH", "BK_BO_TINH", "BK_BO_TINH_TT", "TTLDXS", "CO_BO_TINH"})
MINISTERIAL = PROVINCIAL | {"KNC_GD"}
PRIME_MINISTER = frozenset({"CSTDTQ", "BK_TTG", "BK_TTG_TT", "CO_CP"})
PRESIDENT = frozenset({"HCLD1", "HCLD2", "HCLD3", "HCLD1_TT", "HCLD2_TT", "HCLD3_TT", "NGUT", "NGND", "AHLD", "AHLD_TT"})

PROVINCE_ROUTE = "Hội đồng Thi đua – Khen thưởng tỉnh xét (cơ quan thường trực: Sở Nội vụ)"
PROVINCE_CITE = "Luật 2022 (điều thẩm quyền chưa đối chiếu); Bắc Ninh QĐ 86/2025 Điều 5 (ví dụ một tỉnh)"


@dataclass(frozen=True)
class Grant:
    """One line of the authority table."""

    issuer: str  # a UnitKind code, or LEGAL_ENTITY
    codes: frozenset[str]
    start: dt.date | None
    end: dt.date | None  # inclusive
    authority: str  # who decides and signs, as the decision names them
    citation: str
    status: str  # confirmed / partial / unconfirmed (DOMAIN tags)
    route: str = ""  # who proposes, who reviews; where the decision is filed when the signer is outside the tree

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def overlaps(self, start: dt.date | None, end: dt.date | None) -> bool:
        return (self.start is None or end is None or self.start <= end) and (self.end is None or start is None or start <= self.end)

    @property
    def status_tag(self) -> str:
        return TAGS[self.status]


def _g(issuer, codes, period, authority, citation, status, route=""):
    return Grant(issuer, frozenset(codes), period[0], period[1], authority, citation, status, route)


GRANTS: tuple[Grant, ...] = (
    # Heads of units with legal personality: schools (Hiệu trưởng), other legal-entity units.
    _g(LEGAL_ENTITY, LOCAL, OLD, "Thủ trưởng đơn vị có tư cách pháp nhân (Hiệu trưởng, Giám đốc)",
       "Luật TĐKT 2003 (sửa đổi 2013); NĐ 91/2017/NĐ-CP", U),
    # ⚠️: Điều 80 khoản 1 names units "thuộc Bộ, ban, ngành"; the catalogue (and practice) read it for every
    # school with legal personality, whoever manages it. Giấy khen of the principal: TT 29/2023 Điều 11 ✅.
    _g(LEGAL_ENTITY, LOCAL, LAW2022, "Thủ trưởng đơn vị có tư cách pháp nhân (Hiệu trưởng, Giám đốc)",
       "Luật 2022 Điều 80 khoản 1; TT 29/2023/TT-BGDĐT Điều 11 (Giấy khen của Hiệu trưởng)", P),
    # The Ministry: its own staff and units, the Minister's forms, and the central authorities it files for.
    _g("ministry", LOCAL, OLD, "Bộ trưởng Bộ GD&ĐT (cán bộ, đơn vị thuộc Bộ)", "Luật TĐKT 2003 (sửa đổi 2013); NĐ 91/2017/NĐ-CP", U),
    _g("ministry", LOCAL, LAW2022, "Bộ trưởng Bộ GD&ĐT (cán bộ, đơn vị thuộc Bộ)", "Luật 2022 Điều 80 khoản 1", P),
    _g("ministry", MINISTERIAL, OLD, "Bộ trưởng Bộ GD&ĐT", "Luật TĐKT 2003 (sửa đổi 2013); TT 22/2018/TT-BGDĐT", P,
       "Đề nghị: thủ trưởng đơn vị thuộc Bộ, Giám đốc Sở GD&ĐT, Chủ tịch UBND tỉnh"),
    _g("ministry", MINISTERIAL, LAW2022, "Bộ trưởng Bộ GD&ĐT", "TT 29/2023/TT-BGDĐT Điều 12", C,
       "Đề nghị: thủ trưởng đơn vị thuộc Bộ, Giám đốc Sở GD&ĐT (cơ sở do Sở, Phòng GD&ĐT cũ, UBND xã quản lý), Chủ tịch UBND tỉnh"),
    _g("ministry", PRIME_MINISTER, ALWAYS, "Thủ tướng Chính phủ", "Luật TĐKT (thẩm quyền của Thủ tướng); NĐ 152/2025/NĐ-CP Điều 42", C,
       "Qua Bộ Nội vụ (Ban Thi đua – Khen thưởng Trung ương); quyết định ghi nhận tại Bộ"),
    _g("ministry", PRESIDENT, ALWAYS, "Chủ tịch nước", "Luật TĐKT (thẩm quyền của Chủ tịch nước); NĐ 35/2024/NĐ-CP (NGND, NGƯT)", C,
       "Qua Thủ tướng Chính phủ; quyết định ghi nhận tại Bộ"),
    _g("ministry", {"CO_DHQG"}, ALWAYS, "Giám đốc Đại học Quốc gia", "NĐ 152/2025/NĐ-CP Điều 50", U,
       "Ghi nhận tại Bộ khi cây đơn vị không có nút Đại học Quốc gia"),
    # The provincial People's Committee: its own node if the tree has one, else filed by the Sở.
    _g("province", PROVINCIAL, ALWAYS, "Chủ tịch UBND tỉnh", PROVINCE_CITE, P, PROVINCE_ROUTE),
    _g("department", PROVINCIAL, ALWAYS, "Chủ tịch UBND tỉnh (quyết định ghi nhận tại Sở GD&ĐT)", PROVINCE_CITE, P,
       "Sở GD&ĐT trình; " + PROVINCE_ROUTE),
    _g("department", LOCAL, OLD, "Giám đốc Sở GD&ĐT", "Luật TĐKT 2003 (sửa đổi 2013); NĐ 91/2017/NĐ-CP", U),
    _g("department", LOCAL, LAW2022, "Giám đốc Sở GD&ĐT (cơ quan chuyên môn thuộc UBND tỉnh)", "Luật 2022 Điều 80 khoản 1", C),
    # The district level until 30/06/2025 (the Phòng GD&ĐT files the Chủ tịch UBND huyện's decisions).
    _g("district_office", LOCAL, OLD, "Chủ tịch UBND huyện (quyết định ghi nhận tại Phòng GD&ĐT)", "Luật TĐKT 2003 (sửa đổi 2013)", U),
    _g("district_office", LOCAL, BEFORE_SWITCH, "Chủ tịch UBND huyện (quyết định ghi nhận tại Phòng GD&ĐT)", "Luật 2022 Điều 80 khoản 2", C),
    # The commune: Giấy khen (and LĐTT under the 2022 law) before the switch, the district's powers after it.
    _g("commune", {"GK", "GK_TT"}, OLD, "Chủ tịch UBND xã", "Luật TĐKT 2003 (sửa đổi 2013)", U),
    _g("commune", {"LDTT", "GK", "GK_TT"}, BEFORE_SWITCH, "Chủ tịch UBND xã", "Luật 2022 Điều 80 khoản 3", C),
    _g("commune", LOCAL, FROM_SWITCH, "Chủ tịch UBND xã (thay Chủ tịch UBND huyện từ 01/7/2025)", "Luật 2022 Điều 80; NĐ 129/2025/NĐ-CP Điều 59", C),
)  # fmt: skip

NAMED_KINDS = frozenset(g.issuer for g in GRANTS) - {LEGAL_ENTITY}


def _applies(grant: Grant, issuer_kind: str, legal_entity: bool) -> bool:
    if grant.issuer == LEGAL_ENTITY:
        return legal_entity and issuer_kind not in NAMED_KINDS
    return grant.issuer == issuer_kind


def authority_for(*, code: str, issuer_kind: str, legal_entity: bool, day: dt.date) -> Grant | None:
    """The table line that lets a unit of ``issuer_kind`` decide ``code`` on ``day``, or None."""
    return next((g for g in GRANTS if code in g.codes and g.covers(day) and _applies(g, issuer_kind, legal_entity)), None)


def grants_for(code: str, *, start: dt.date | None = None, end: dt.date | None = None) -> list[Grant]:
    """Every line deciding ``code`` at some day of [start, end] (the whole table when both are None)."""
    return [g for g in GRANTS if code in g.codes and g.overlaps(start, end)]


def describe(code: str, *, start: dt.date | None = None, end: dt.date | None = None) -> str:
    """Who decides ``code`` in the period, in words (the catalogue's "Thẩm quyền" column)."""
    parts: list[str] = []
    for g in grants_for(code, start=start, end=end):
        text = g.authority
        if g.start and (start is None or g.start > start):
            text += _(" (từ %(d)s)") % {"d": f"{g.start:%d/%m/%Y}"}
        if g.end and (end is None or g.end < end):
            text += _(" (đến %(d)s)") % {"d": f"{g.end:%d/%m/%Y}"}
        if text not in parts:
            parts.append(text)
    return "; ".join(parts)


def issuer_kinds(code: str, kinds: Iterable[tuple[str, bool]], *, start: dt.date | None = None, end: dt.date | None = None) -> list[str]:
    """Codes of the unit kinds (given as (code, legal_entity) pairs) that may decide ``code`` on some day of the period."""
    lines = grants_for(code, start=start, end=end)
    return [k for k, legal in kinds if any(_applies(g, k, legal) for g in lines)]


def refusal(*, issuer_name: str, issuer_kind_name: str, kind_name: str, code: str, day: dt.date) -> str:
    """The one Vietnamese message every path (form, API, import) shows when the issuer has no authority."""
    who = describe(code, start=day, end=day) or _("không cấp nào trong danh mục")
    return _("%(issuer)s (%(ikind)s) không có thẩm quyền quyết định “%(kind)s” ngày %(day)s; thẩm quyền: %(who)s.") % {
        "issuer": issuer_name,
        "ikind": issuer_kind_name,
        "kind": kind_name,
        "day": f"{day:%d/%m/%Y}",
        "who": who,
    }
