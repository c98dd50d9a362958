"""Every change to review rounds and nomination lines: keyword-only, one transaction, audited.

Statuses change only through ``core.workflow.transition`` (``states.ROUND``, ``states.LINE``); the domain checks
come first, so a refusal saves nothing. A line is created ``proposed`` (its page shows the creation as the first
row of its history, like every workflow object) with its basis from the engine (``basis.py``).

Sources of lines (``LineSource``):
* ``suggestion`` — ``lines_from_suggestions``: the officer ticks rows of the engine's batch pass;
* ``registration`` — ``lines_from_approved_registrations`` ("Thêm từ đăng ký thi đua", and ``rounds_build``):
  the unit's approved registrations of the year (``registrations.selectors.approved_pairs``) that can still be
  proposed, through ``lines_from_registrations`` (plain (person or collective, kind code) pairs);
* ``manual`` — ``line_add``: any kind, with a written reason; the verdict is still computed and kept.
A line against a failed criterion (verdict ``not_eligible``) needs a written justification, kept and shown
with the warning on the round, the line and the API.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for
from thidua.audit import recorder as audit
from thidua.core.errors import Conflict, DomainError, PermissionDenied
from thidua.core.vietnamese import clean_text
from thidua.core.workflow import transition
from thidua.org.models import OrgUnit
from thidua.people.models import Employment, Person
from thidua.rules.engine.facts import year_bounds, year_of
from thidua.rules.engine.rulesets import LADDERS

from . import basis as engine
from . import states
from .models import MOVEMENT_KINDS, LineComment, LineSource, NominationLine, ReviewRound, RoundKind, kind_name
from .selectors import awards_held, collective_awards_held, open_line_keys, subject_key

RS, LS = states.RoundStatus, states.LineState
MAX_TEXT = 4000


def _long_text(value: str | None, *, field: str) -> str:
    text = unicodedata.normalize("NFC", value or "").strip()
    if "\x00" in text:
        raise DomainError(_("Nội dung chứa ký tự không hợp lệ."), code="invalid_text", field=field)
    if len(text) > MAX_TEXT:
        raise DomainError(_("Nội dung quá dài (tối đa %(n)d ký tự).") % {"n": MAX_TEXT}, code="text_too_long", field=field)
    return text


def _require_write(actor, unit: OrgUnit) -> None:
    if not scope_for(actor).can_write_unit(unit):
        raise PermissionDenied(_("Bạn không có quyền lập đợt bình xét của “%(name)s”.") % {"name": unit.name}, code="forbidden")


def _actor_or_none(actor):
    return actor if getattr(actor, "pk", None) else None


# -- rounds ------------------------------------------------------------------------------------------------
@transaction.atomic
def round_create(*, actor, unit: OrgUnit, school_year, kind: str, name: str = "", movement=None) -> ReviewRound:
    _require_write(actor, unit)
    if kind not in RoundKind.values:
        raise DomainError(_("Loại đợt bình xét không hợp lệ."), code="invalid_kind", field="kind")
    if not unit.kind.legal_entity:
        raise DomainError(
            _("%(name)s không có tư cách pháp nhân: đợt bình xét do đơn vị cấp trên lập.") % {"name": unit.name},
            code="unit_not_legal_entity",
            field="unit",
        )
    if kind in MOVEMENT_KINDS and movement is None:
        raise DomainError(_("Đợt sơ kết, tổng kết, chuyên đề cần chọn phong trào."), code="movement_required", field="movement")
    if movement is not None and not (unit.path.startswith(movement.launcher.path) or movement.launcher.path.startswith(unit.path)):
        raise DomainError(_("Phong trào không thuộc phạm vi của đơn vị."), code="movement_outside_unit", field="movement")
    name = clean_text(name)[:300] or _("Bình xét %(kind)s năm học %(year)s – %(unit)s") % {
        "kind": RoundKind(kind).label.lower(),
        "year": school_year.code,
        "unit": unit.name,
    }
    if kind == RoundKind.YEAR_END and _year_end_exists(unit, school_year):
        raise Conflict(
            _("%(unit)s đã có đợt bình xét cuối năm học %(year)s.") % {"unit": unit.name, "year": school_year.code},
            code="duplicate_round",
            field="school_year",
        )
    try:
        with transaction.atomic():
            round_ = ReviewRound.objects.create(
                unit=unit, school_year=school_year, kind=kind, movement=movement, name=name, created_by=_actor_or_none(actor)
            )
    except IntegrityError:  # a concurrent create won the partial unique constraint
        raise Conflict(
            _("%(unit)s đã có đợt bình xét cuối năm học %(year)s.") % {"unit": unit.name, "year": school_year.code},
            code="duplicate_round",
            field="school_year",
        ) from None
    audit.record(actor=actor, verb="review_round.created", target=round_, unit=unit,
                 after=audit.snapshot(round_, fields=["unit", "school_year", "kind", "movement", "name", "status"]))  # fmt: skip
    return round_


def _year_end_exists(unit, school_year) -> bool:
    return ReviewRound.objects.filter(unit=unit, school_year=school_year, kind=RoundKind.YEAR_END).exclude(status=RS.CANCELLED).exists()


@transaction.atomic
def round_open(*, actor, round_: ReviewRound, note: str = "") -> ReviewRound:
    return transition(round_, action=states.RoundAction.OPEN, actor=actor, note=clean_text(note), opened_on=timezone.localdate())


@transaction.atomic
def round_close(*, actor, round_: ReviewRound, note: str = "") -> ReviewRound:
    return transition(round_, action=states.RoundAction.CLOSE, actor=actor, note=clean_text(note), closed_on=timezone.localdate())


@transaction.atomic
def round_cancel(*, actor, round_: ReviewRound, reason: str) -> ReviewRound:
    reason = clean_text(reason)[:500]
    if not reason:
        raise DomainError(_("Cần ghi lý do hủy đợt bình xét."), code="reason_required", field="reason")
    if round_.lines.filter(state=LS.ON_AGENDA).exists():
        raise Conflict(_("Đã có đề nghị đưa ra Hội đồng: không thể hủy đợt bình xét."), code="round_has_agenda")
    round_ = transition(
        round_, action=states.RoundAction.CANCEL, actor=actor, note=reason, cancel_reason=reason, audit_after={"reason": reason}
    )
    for line in list(round_.lines.filter(state=LS.PROPOSED)):
        transition(line, action=states.LineAction.WITHDRAW, actor=actor, note=reason, withdraw_reason=reason)
    return round_


def _require_editable(round_: ReviewRound) -> ReviewRound:
    locked = ReviewRound.objects.select_for_update().get(pk=round_.pk)
    if locked.status not in states.EDITABLE:
        raise Conflict(
            _("Đợt bình xét đang ở trạng thái “%(s)s”: không thêm, bớt đề nghị được nữa.") % {"s": locked.get_status_display()},
            code=f"review_round_{locked.status}",
        )
    return locked


# -- lines -------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Pick:
    """One line to propose: a person or a collective × a kind code."""

    code: str
    person: Person | None = None
    unit: OrgUnit | None = None

    @property
    def key(self) -> str:
        return f"p{self.person.pk}" if self.person is not None else f"u{self.unit.pk}"


def _employed_in(round_: ReviewRound, person_ids: Iterable[int]) -> set[int]:
    lo, hi = year_bounds(year_of(round_.school_year.start_date))
    return set(
        Employment.objects.filter(person_id__in=list(person_ids), unit__path__startswith=round_.unit.path, start_date__lte=hi)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=lo))
        .values_list("person_id", flat=True)
    )


def _check_picks(round_: ReviewRound, picks: Sequence[Pick]) -> None:
    """Subject in the unit's subtree that year, a kind for the subject, no open line, no award (design §2)."""
    people = [p.person.pk for p in picks if p.person is not None]
    inside = _employed_in(round_, people)
    taken = open_line_keys(round_.school_year)
    held = awards_held(person_ids=people, school_year=round_.school_year)
    collective_held = _collective_awards(round_, [p.unit.pk for p in picks if p.unit is not None])
    seen: set[tuple[str, str]] = set()
    for pick in picks:
        subject = engine.subject_of(pick.code)
        name = pick.person.full_name if pick.person is not None else pick.unit.name
        wanted = "individual" if pick.person is not None else "collective"
        if subject is None:
            raise DomainError(
                _("Không có danh hiệu, hình thức “%(c)s” đang áp dụng.") % {"c": pick.code}, code="unknown_award_kind", field="kind_code"
            )
        if subject != wanted:
            raise DomainError(
                _("“%(k)s” không dành cho %(who)s.")
                % {"k": kind_name(pick.code), "who": _("cá nhân") if wanted == "individual" else _("tập thể")},
                code="wrong_subject",
                field="kind_code",
            )
        if pick.person is not None and pick.person.pk not in inside:
            raise DomainError(
                _("%(name)s không công tác tại %(unit)s trong năm học %(year)s.")
                % {"name": name, "unit": round_.unit.name, "year": round_.school_year.code},
                code="subject_outside_unit",
                field="person",
            )
        if pick.unit is not None and not pick.unit.path.startswith(round_.unit.path):
            raise DomainError(
                _("%(name)s không thuộc %(unit)s.") % {"name": name, "unit": round_.unit.name}, code="subject_outside_unit", field="unit"
            )
        key = (pick.key, pick.code)
        if key in taken or key in seen:
            raise Conflict(
                _("%(name)s đã có đề nghị “%(k)s” năm học %(year)s.")
                % {"name": name, "k": kind_name(pick.code), "year": round_.school_year.code},
                code="duplicate_line",
            )
        seen.add(key)
        owned = held.get(pick.person.pk, set()) if pick.person is not None else collective_held.get(pick.unit.pk, set())
        if pick.code in owned:
            raise DomainError(
                _("%(name)s đã được khen “%(k)s” năm học %(year)s.")
                % {"name": name, "k": kind_name(pick.code), "year": round_.school_year.code},
                code="already_awarded",
            )


def _collective_awards(round_: ReviewRound, unit_ids: list[int]) -> dict[int, set[str]]:
    return collective_awards_held(unit_ids=unit_ids, school_year=round_.school_year)


def _new_line(round_, pick: Pick, found: engine.Basis, *, source: str, actor, reason: str = "", justification: str = "") -> NominationLine:
    return NominationLine(
        round=round_,
        school_year=round_.school_year,
        person=pick.person,
        unit=pick.unit,
        kind_code=pick.code,
        source=source,
        reason=reason,
        justification=justification,
        verdict=found.verdict,
        basis=found.basis,
        rule_version=found.rule_version,
        facts_sha256=found.facts_sha256,
        evaluated_on=found.day,
        created_by=_actor_or_none(actor),
    )


def _insert(round_, lines: list[NominationLine], *, actor, verb: str) -> list[NominationLine]:
    try:
        with transaction.atomic():
            created = NominationLine.objects.bulk_create(lines)
    except IntegrityError:  # a concurrent proposal of the same subject and title won
        raise Conflict(_("Một đề nghị vừa được lập cho cùng người và danh hiệu; hãy tải lại trang."), code="duplicate_line") from None
    if any(line.pk is None for line in created):  # databases that do not return keys from a bulk insert
        created = list(round_.lines.order_by("-id")[: len(lines)])[::-1]
    audit.record(
        actor=actor,
        verb=verb,
        target=round_,
        unit=round_.unit,
        after={"count": len(created), "lines": [_described(line) for line in created]},
    )
    return created


def _described(line: NominationLine) -> str:
    """The line in words, in the language of record (decision 0006)."""
    with translation.override(settings.LANGUAGE_CODE):
        text = str(line)
        return text + " (" + _("chưa đạt tiêu chuẩn, có giải trình") + ")" if line.against_failed else text


def _parse_key(key: str) -> tuple[str, int, str]:
    try:
        subject, code = key.split(":", 1)
        return subject[0], int(subject[1:]), code
    except (ValueError, IndexError):
        raise DomainError(_("Lựa chọn không hợp lệ."), code="invalid_pick", field="picks") from None


@transaction.atomic
def lines_from_suggestions(*, actor, round_: ReviewRound, keys: Sequence[str], evaluation=None) -> list[NominationLine]:
    """Propose the ticked rows of the engine's suggestions (``p<id>:<code>`` / ``u<id>:<code>``): each line keeps
    its outcome from one batch pass over the round's unit. A row the engine does not suggest (not eligible, not
    modelled) is refused: propose it by hand with a reason."""
    _require_write(actor, round_.unit)
    round_ = _require_editable(round_)
    if not keys:
        raise DomainError(_("Chưa chọn đề nghị nào."), code="nothing_picked", field="picks")
    parsed = [_parse_key(k) for k in dict.fromkeys(keys)]
    people = Person.objects.in_bulk([i for kind, i, _c in parsed if kind == "p"])
    units = OrgUnit.objects.in_bulk([i for kind, i, _c in parsed if kind == "u"])
    picks = []
    for kind, pk, code in parsed:
        subject = people.get(pk) if kind == "p" else units.get(pk)
        if subject is None:
            raise DomainError(_("Lựa chọn không hợp lệ."), code="invalid_pick", field="picks")
        picks.append(Pick(code, person=subject) if kind == "p" else Pick(code, unit=subject))
    _check_picks(round_, picks)
    evaluation = evaluation or engine.evaluate_round_unit(round_.unit, round_.school_year)
    bases = engine.person_bases(evaluation)
    lines = []
    for pick in picks:
        engine_id = str(pick.person.pk) if pick.person is not None else f"unit-{pick.unit.pk}"
        found = bases.get((engine_id, pick.code))
        if found is None or found.verdict not in ("eligible", "undetermined"):
            raise DomainError(
                _("%(name)s không có trong gợi ý “%(k)s”: hãy bổ sung trực tiếp, ghi lý do.")
                % {"name": pick.person.full_name if pick.person else pick.unit.name, "k": kind_name(pick.code)},
                code="not_suggested",
                field="picks",
            )
        lines.append(_new_line(round_, pick, found, source=LineSource.SUGGESTION, actor=actor))
    return _insert(round_, lines, actor=actor, verb="nomination_lines.proposed")


@transaction.atomic
def lines_from_registrations(*, actor, round_: ReviewRound, pairs: Sequence[tuple[Person | OrgUnit, str]]) -> list[NominationLine]:
    """Propose approved registrations given as plain (subject, kind code) pairs — the subject a person or a
    collective ("Đã đăng ký: CSTĐCS"). Each line keeps the engine's outcome; one not eligible needs no reason here
    (the registration is the reason) but carries the warning like any other."""
    _require_write(actor, round_.unit)
    round_ = _require_editable(round_)
    picks = [Pick(code, unit=s) if isinstance(s, OrgUnit) else Pick(code, person=s) for s, code in pairs]
    if not picks:
        return []
    _check_picks(round_, picks)
    bases = engine.person_bases(engine.evaluate_round_unit(round_.unit, round_.school_year))
    lines = []
    for pick in picks:
        engine_id = str(pick.person.pk) if pick.person is not None else f"unit-{pick.unit.pk}"
        found = bases.get((engine_id, pick.code)) or engine.evaluate_subject(
            school_year=round_.school_year, code=pick.code, person=pick.person, unit=pick.unit
        )
        lines.append(
            _new_line(
                round_,
                pick,
                found,
                source=LineSource.REGISTRATION,
                actor=actor,
                reason=_("Đã đăng ký: %(k)s") % {"k": kind_name(pick.code)},
            )
        )
    return _insert(round_, lines, actor=actor, verb="nomination_lines.proposed")


def proposable_registrations(round_: ReviewRound) -> tuple[list[tuple[Person | OrgUnit, str]], int]:
    """The unit's approved registrations of the round's year (``registrations.selectors.approved_pairs``, one
    query) that can still become lines: a kind of the rule book for the right subject, a subject of the unit that
    year, no open line yet (so a person suggested and registered gets one line), not awarded already. Returns
    (pairs, how many were left out)."""
    from thidua.registrations.selectors import approved_pairs

    pairs = approved_pairs(round_.unit, round_.school_year)
    people = [s.pk for s, _c in pairs if isinstance(s, Person)]
    units = [s.pk for s, _c in pairs if isinstance(s, OrgUnit)]
    taken = open_line_keys(round_.school_year)
    inside = _employed_in(round_, people)
    held = awards_held(person_ids=people, school_year=round_.school_year)
    units_held = _collective_awards(round_, units)
    keep = []
    for subject, code in pairs:
        person = isinstance(subject, Person)
        key = (f"p{subject.pk}" if person else f"u{subject.pk}", code)
        wanted = "individual" if person else "collective"
        ok = engine.subject_of(code) == wanted and key not in taken
        ok = ok and (subject.pk in inside and code not in held.get(subject.pk, set()) if person else
                     subject.path.startswith(round_.unit.path) and code not in units_held.get(subject.pk, set()))  # fmt: skip
        if ok:
            keep.append((subject, code))
    return keep, len(pairs) - len(keep)


@transaction.atomic
def lines_from_approved_registrations(*, actor, round_: ReviewRound) -> tuple[list[NominationLine], int]:
    """ "Thêm từ đăng ký thi đua": every approved registration of the unit for the year that can still be proposed
    becomes a line (``source=registration``); returns (lines, registrations left out)."""
    _require_write(actor, round_.unit)
    _require_editable(round_)
    pairs, skipped = proposable_registrations(round_)
    return lines_from_registrations(actor=actor, round_=round_, pairs=pairs), skipped


@transaction.atomic
def line_add(
    *,
    actor,
    round_: ReviewRound,
    kind_code: str,
    reason: str,
    person: Person | None = None,
    unit: OrgUnit | None = None,
    justification: str = "",
) -> NominationLine:
    """Propose one subject by hand, with a reason; against a failed criterion a written justification is required."""
    _require_write(actor, round_.unit)
    round_ = _require_editable(round_)
    if (person is None) == (unit is None):
        raise DomainError(_("Chọn một cá nhân hoặc một tập thể."), code="subject_required", field="person")
    reason = _long_text(reason, field="reason")
    justification = _long_text(justification, field="justification")
    if not reason:
        raise DomainError(_("Cần ghi lý do bổ sung đề nghị."), code="reason_required", field="reason")
    pick = Pick(kind_code, person=person, unit=unit)
    _check_picks(round_, [pick])
    found = engine.evaluate_subject(school_year=round_.school_year, code=kind_code, person=person, unit=unit)
    if found.not_eligible and not justification:
        failed = "; ".join(c.get("reason", "") for c in found.basis.get("criteria", []) if c.get("status") == "not_met")
        raise DomainError(
            _("Chưa đạt tiêu chuẩn (%(why)s): cần ghi giải trình để đề nghị.") % {"why": failed or _("xem căn cứ")},
            code="justification_required",
            field="justification",
        )
    line = _new_line(round_, pick, found, source=LineSource.MANUAL, actor=actor, reason=reason, justification=justification)
    return _insert(round_, [line], actor=actor, verb="nomination_line.added")[0]


@transaction.atomic
def line_withdraw(*, actor, line: NominationLine, reason: str) -> NominationLine:
    """Remove a line from the round, with a reason (the line stays, withdrawn, with its history)."""
    reason = _long_text(reason, field="reason")
    if not reason:
        raise DomainError(_("Cần ghi lý do rút đề nghị."), code="reason_required", field="reason")
    _require_editable(line.round)
    return transition(
        line, action=states.LineAction.WITHDRAW, actor=actor, note=reason, withdraw_reason=reason, audit_after={"reason": reason}
    )


@transaction.atomic
def line_comment(*, actor, line: NominationLine, text: str) -> LineComment:
    """A comment on a line while its round is open: by the person proposed (her own line) or the unit's writers."""
    scope = scope_for(actor)
    own = line.person_id is not None and line.person_id == scope.person_id
    if not (own or scope.can_write_unit(line.round.unit)):
        raise PermissionDenied(_("Chỉ người được đề nghị và cán bộ phụ trách mới góp ý về đề nghị này."), code="forbidden")
    text = _long_text(text, field="text")
    if not text:
        raise DomainError(_("Cần nhập nội dung góp ý."), code="required", field="text")
    if ReviewRound.objects.filter(pk=line.round_id).values_list("status", flat=True).first() != RS.OPEN:
        raise Conflict(_("Chỉ góp ý được khi đợt bình xét đang diễn ra."), code="round_not_open")
    comment = LineComment.objects.create(line=line, author=actor, text=text)
    audit.record(actor=actor, verb="nomination_line.commented", target=line, unit=line.round.unit, person_id=line.person_id,
                 after={"comment": comment.pk})  # fmt: skip
    return comment


@transaction.atomic
def line_put_on_agenda(*, actor, line: NominationLine, note: str = "", found: engine.Basis | None = None) -> NominationLine:
    """Put a line before the council: re-evaluated, its basis refreshed when the facts changed (design §2).
    ``found``: the engine's outcome now, when the caller evaluated many lines in one batch (``agenda.py``)."""
    if found is None:
        found = engine.evaluate_subject(school_year=line.school_year, code=line.kind_code, person=line.person, unit=line.unit)
    changes = {}
    if found.facts_sha256 != line.facts_sha256 or found.rule_version != line.rule_version:
        changes = {"verdict": found.verdict, "basis": found.basis, "rule_version": found.rule_version,
                   "facts_sha256": found.facts_sha256, "evaluated_on": found.day}  # fmt: skip
    if changes:
        note = " ".join(filter(None, [clean_text(note), _("Dữ kiện đã thay đổi từ khi đề nghị: căn cứ được đối chiếu lại.")]))
    return transition(line, action=states.LineAction.PUT_ON_AGENDA, actor=actor, note=clean_text(note), **changes)


@dataclass(frozen=True)
class TallyResult:
    """What the council app reports for one line: ``outcome`` passed / passed_lower / failed, and the title granted."""

    line: NominationLine
    outcome: str
    granted_code: str = ""
    note: str = ""


def lower_codes(code: str) -> tuple[str, ...]:
    """The lower rungs of the code's ladder (``rulesets.LADDERS``), nearest first."""
    for ladder in LADDERS:
        if code in ladder:
            return tuple(reversed(ladder[: ladder.index(code)]))
    return ()


@transaction.atomic
def lines_tallied(*, actor, results: Sequence[TallyResult]) -> list[NominationLine]:
    """The council app's call after a tally: each line on the agenda moves to passed / passed_lower / failed with
    the title granted (the proposed one, a lower rung of its ladder, or none)."""
    out = []
    for r in results:
        action = states.TALLY_ACTIONS.get(r.outcome)
        if action is None:
            raise DomainError(_("Kết quả bỏ phiếu không hợp lệ."), code="invalid_outcome", field="outcome")
        granted = r.line.kind_code if r.outcome == "passed" else r.granted_code if r.outcome == "passed_lower" else ""
        if r.outcome == "passed_lower" and granted not in lower_codes(r.line.kind_code):
            raise DomainError(
                _("“%(g)s” không phải danh hiệu thấp hơn “%(k)s”.") % {"g": kind_name(granted), "k": kind_name(r.line.kind_code)},
                code="invalid_lower_title",
                field="granted_code",
            )
        out.append(transition(r.line, action=action, actor=actor, note=clean_text(r.note), granted_code=granted,
                              audit_after={"granted": kind_name(granted) if granted else ""}))  # fmt: skip
    return out


# -- a whole commune in one batch (the benchmark's second figure) ---------------------------------------------
@transaction.atomic
def rounds_build(*, actor, units: Sequence[OrgUnit], school_year, codes: Iterable[str] | None = None) -> list[ReviewRound]:
    """A year-end round per unit (schools of a commune), each filled with the unit's approved registrations of the
    year and every subject the engine finds eligible (one batch pass per unit). Units that already have a year-end round keep it and get nothing."""
    made = []
    for unit in units:
        if _year_end_exists(unit, school_year):
            continue
        round_ = round_create(actor=actor, unit=unit, school_year=school_year, kind=RoundKind.YEAR_END)
        registered, _skipped = proposable_registrations(round_)
        if registered:  # registrations first: a person registered and suggested gets one line, from her registration
            lines_from_registrations(actor=actor, round_=round_, pairs=registered)
        evaluation = engine.evaluate_round_unit(unit, school_year, codes=codes)
        taken = open_line_keys(school_year)
        keys = [
            f"{subject_key(e.id)}:{o.code}"
            for e in (*evaluation.persons, *evaluation.collectives)
            for o in e.outcomes
            if o.verdict.value == "eligible" and (subject_key(e.id), o.code) not in taken
        ]
        if keys:
            _fill_eligible(actor, round_, keys, evaluation)
        made.append(round_)
    return made


def _fill_eligible(actor, round_, keys, evaluation) -> None:
    """Propose ``keys`` dropping subjects who hold the title already or worked elsewhere now (the batch's
    tolerance: one subject never blocks a school)."""
    parsed = [_parse_key(k) for k in keys]
    people_ids = [i for kind, i, _c in parsed if kind == "p"]
    held = awards_held(person_ids=people_ids, school_year=round_.school_year)
    inside = _employed_in(round_, people_ids)
    units_held = _collective_awards(round_, [i for kind, i, _c in parsed if kind == "u"])
    keep = [
        k
        for k, (kind, i, code) in zip(keys, parsed, strict=True)
        if (code not in units_held.get(i, set()) if kind == "u" else i in inside and code not in held.get(i, set()))
    ]
    if keep:
        lines_from_suggestions(actor=actor, round_=round_, keys=keep, evaluation=evaluation)
