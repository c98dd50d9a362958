"""Writes of disclosures: publish a round's list, add a comment or an objection, answer an objection.
Each is one transaction with its audit row; refusals are Vietnamese ``DomainError``s."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for
from thidua.audit import recorder as audit
from thidua.core.errors import Conflict, DomainError, PermissionDenied
from thidua.nominations.models import NominationLine, ReviewRound
from thidua.years import calendar

from . import permissions
from .models import DisclosedLine, Disclosure, Remark, RemarkKind

DISCLOSED_STATES = ("proposed", "on_agenda", "passed", "passed_lower")  # the lines still going up
MAX_DAYS = 60
MAX_TEXT = 4000


def default_days() -> int:
    return int(getattr(settings, "THIDUA_DISCLOSURE_DAYS", 5))


def _entry_of(line: NominationLine) -> DisclosedLine:
    if line.person_id:
        unit = line.person.current_unit.name if line.person.current_unit_id else line.round.unit.name
    else:
        unit = line.unit.parent.name if line.unit.parent_id else ""
    title = line.granted_label if line.state == "passed_lower" and line.granted_code else line.kind_label
    return DisclosedLine(line=line, name=line.subject_name, unit_name=unit, title=title)


def _text(value: str, *, field: str, code: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(message, code=code, field=field)
    if len(value) > MAX_TEXT:
        raise DomainError(_("Nội dung quá dài (tối đa %(n)s ký tự).") % {"n": MAX_TEXT}, code="text_too_long", field=field)
    return value


@transaction.atomic
def disclosure_publish(*, actor, round_: ReviewRound, days: int | None = None, public: bool = False, note: str = "") -> Disclosure:
    """Publish the round's lines still in play for ``days`` working days after today (the default from the
    settings; the day of publication is not counted, ``years.calendar``). The actor needs write scope on the round's unit."""
    if not scope_for(actor).can_write_unit(round_.unit):
        raise PermissionDenied(_("Bạn không có quyền công khai danh sách của đợt bình xét này."), code="forbidden")
    if round_.status == ReviewRound.Status.CANCELLED:
        raise DomainError(_("Đợt bình xét đã bị hủy, không thể công khai."), code="round_cancelled")
    days = default_days() if days is None else days
    if not 1 <= days <= MAX_DAYS:
        raise DomainError(_("Số ngày công khai phải từ 1 đến %(n)s ngày làm việc.") % {"n": MAX_DAYS}, code="bad_days", field="days")
    round_ = ReviewRound.objects.select_for_update().select_related("unit", "school_year").get(pk=round_.pk)
    lines = list(
        NominationLine.objects.filter(round=round_, state__in=DISCLOSED_STATES)
        .select_related("person", "person__current_unit", "unit", "unit__parent", "round__unit")
        .order_by("person__sort_key", "unit__name", "kind_code", "id")
    )
    if not lines:
        raise DomainError(_("Đợt bình xét chưa có đề nghị nào để công khai."), code="nothing_to_disclose")
    today = timezone.localdate()
    ends_on = calendar.add_working_days(today, days, unit_kind=round_.unit.kind)  # the day of publication not counted
    disclosure = Disclosure.objects.create(
        round=round_, unit=round_.unit, title=_("Công khai danh sách đề nghị khen thưởng: %(name)s") % {"name": round_.name},
        note=(note or "").strip(), starts_on=today, ends_on=ends_on, days=days, public=public,
        token=secrets.token_urlsafe(24) if public else None, created_by=actor,
    )  # fmt: skip
    entries = [_entry_of(line) for line in lines]
    for entry in entries:
        entry.disclosure = disclosure
    DisclosedLine.objects.bulk_create(entries)
    audit.record(
        actor=actor, verb="disclosure.published", target=disclosure, unit=round_.unit,
        after={"round": round_.pk, "lines": len(entries), "starts_on": str(today), "ends_on": str(ends_on), "days": days, "public": public},
    )  # fmt: skip
    return disclosure


@transaction.atomic
def remark_add(*, actor, disclosure: Disclosure, kind: str, text: str, entry: DisclosedLine | None = None) -> Remark:
    """A reader's comment (on the list or a line) or objection (naming a line, text required), while the
    disclosure runs."""
    if not permissions.can_read(actor, disclosure):
        raise PermissionDenied(_("Bạn không có quyền góp ý về danh sách này."), code="forbidden")
    if kind not in RemarkKind.values:
        raise DomainError(_("Loại ý kiến không hợp lệ."), code="bad_kind", field="kind")
    if not disclosure.is_running():
        raise DomainError(
            _("Đợt công khai đã kết thúc ngày %(day)s, không nhận thêm ý kiến.") % {"day": disclosure.ends_on.strftime("%d/%m/%Y")},
            code="disclosure_ended",
        )
    if entry is not None and entry.disclosure_id != disclosure.pk:
        raise DomainError(_("Đề nghị này không có trong danh sách công khai."), code="unknown_line", field="line")
    if kind == RemarkKind.OBJECTION and entry is None:
        raise DomainError(_("Hãy chọn đề nghị mà bạn phản ánh."), code="line_required", field="line")
    text = _text(text, field="text", code="text_required", message=_("Hãy nhập nội dung ý kiến."))
    remark = Remark.objects.create(disclosure=disclosure, entry=entry, kind=kind, text=text, author=actor)
    audit.record(
        actor=actor, verb="disclosure.objected" if kind == RemarkKind.OBJECTION else "disclosure.commented", target=remark,
        unit=disclosure.unit, after={"disclosure": disclosure.pk, "line": entry.line_id if entry else None, "text": text},
    )  # fmt: skip
    return remark


@transaction.atomic
def objection_answer(*, actor, remark: Remark, answer: str) -> Remark:
    """The unit's answer to an objection (required, once: a second answer is a ``Conflict``)."""
    if not scope_for(actor).can_write_unit(remark.disclosure.unit):
        raise PermissionDenied(_("Bạn không có quyền trả lời ý kiến này."), code="forbidden")
    answer = _text(answer, field="answer", code="answer_required", message=_("Hãy nhập nội dung trả lời."))
    locked = Remark.objects.select_for_update().get(pk=remark.pk)
    if locked.kind != RemarkKind.OBJECTION:
        raise DomainError(_("Chỉ các ý kiến phản ánh cần trả lời."), code="not_an_objection")
    if locked.answered_at is not None:
        raise Conflict(_("Ý kiến này đã được trả lời."), code="already_answered")
    locked.answer, locked.answered_by, locked.answered_at = answer, actor, timezone.now()
    locked.save(update_fields=["answer", "answered_by", "answered_at"])
    audit.record(
        actor=actor, verb="disclosure.objection_answered", target=locked, unit=remark.disclosure.unit,
        after={"disclosure": locked.disclosure_id, "answer": answer},
    )  # fmt: skip
    return locked
