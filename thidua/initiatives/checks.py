"""Pure checks on an initiative's parts, shared by the services (and a future import): plain values in,
a ``DomainError`` with a plain Vietnamese message out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from thidua.core.errors import DomainError
from thidua.core.vietnamese import clean_text

HUNDRED = Decimal(100)
SCOPE_ORDER = ("unit", "province", "national")
# Which unit kinds may recognise at which scope (Luật 2022 Điều 21–23, NĐ 13/2012 Điều 5): a legal-entity unit
# recognises at its own scope (cơ sở); the Sở, the province or the Ministry at province/ministry scope; national
# reach is certified by the Ministry.
BODY_KINDS = {"province": {"department", "province", "ministry"}, "national": {"ministry"}}


def text(value: str | None, *, field: str, limit: int, required: bool = False, label: str = "") -> str:
    if value and "\x00" in value:
        raise DomainError(_("Nội dung có ký tự không hợp lệ."), code="invalid_text", field=field)
    out = clean_text(value)
    if len(out) > limit:
        raise DomainError(_("Nội dung quá dài (tối đa %(n)d ký tự).") % {"n": limit}, code="too_long", field=field)
    if required and not out:
        raise DomainError(_("Cần ghi %(label)s.") % {"label": label}, code="required", field=field)
    return out


def shares(authors: Sequence[tuple[int, str, object]]) -> list[Decimal]:
    """``authors`` = (person id, name, share): at least one, each once, each share in (0, 100], summing to 100."""
    if not authors:
        raise DomainError(_("Sáng kiến cần ít nhất một tác giả."), code="authors_required", field="authors")
    seen: set[int] = set()
    out = []
    for pid, name, raw in authors:
        if pid in seen:
            raise DomainError(_("%(name)s được ghi hai lần trong danh sách tác giả.") % {"name": name}, code="duplicate_author",
                              field="authors")  # fmt: skip
        seen.add(pid)
        try:
            share = Decimal(str(raw)).quantize(Decimal("0.01"))
        except (InvalidOperation, ValueError):
            share = Decimal(-1)
        if not share.is_finite() or share <= 0 or share > HUNDRED:
            raise DomainError(_("Tỷ lệ đóng góp của %(name)s phải lớn hơn 0 và không quá 100 %%.") % {"name": name}, code="share_invalid",
                              field="authors")  # fmt: skip
        out.append(share)
    total = sum(out, Decimal(0))
    if total != HUNDRED:
        raise DomainError(
            _("Tổng tỷ lệ đóng góp của các tác giả phải bằng 100 %% (hiện là %(total)s %%).")
            % {"total": format(total.normalize(), "f").replace(".", ",")},
            code="shares_not_100",
            field="authors",
        )
    return out


def applied_from(day: dt.date | None, today: dt.date) -> None:
    if day is not None and day > today:
        raise DomainError(_("Ngày bắt đầu áp dụng không được sau hôm nay: sáng kiến phải đã được áp dụng."), code="not_yet_applied",
                          field="applied_from")  # fmt: skip


def body_may_grant(*, scope: str, body_kind: str, body_legal_entity: bool, body_is_unit_or_above: bool) -> None:
    """Refuse a scope the recognising body may not grant (``scope_above_body``)."""
    if scope not in SCOPE_ORDER:
        raise DomainError(_("Phạm vi công nhận không hợp lệ."), code="invalid_choice", field="scope")
    if scope == "unit":
        if not (body_legal_entity and body_is_unit_or_above):
            raise DomainError(_("Sáng kiến cấp cơ sở do thủ trưởng đơn vị có tư cách pháp nhân nơi áp dụng công nhận."),
                              code="scope_above_body", field="body")  # fmt: skip
        return
    if body_kind not in BODY_KINDS[scope]:
        message = (
            _("Chỉ Sở, UBND tỉnh hoặc Bộ công nhận sáng kiến có phạm vi ảnh hưởng cấp Bộ, ngành, tỉnh.")
            if scope == "province"
            else _("Chỉ Bộ trưởng công nhận sáng kiến có phạm vi ảnh hưởng toàn quốc.")
        )
        raise DomainError(message, code="scope_above_body", field="body")


def points(value, *, maximum: int, name: str) -> Decimal:
    try:
        p = Decimal(str(value))
    except (InvalidOperation, ValueError):
        p = Decimal(-1)
    if not p.is_finite() or p < 0 or p > maximum or p != p.quantize(Decimal("0.5")):
        raise DomainError(
            _("Điểm tiêu chí “%(name)s” phải từ 0 đến %(max)d (bước 0,5).") % {"name": name, "max": maximum},
            code="score_out_of_range",
            field="points",
        )
    return p
