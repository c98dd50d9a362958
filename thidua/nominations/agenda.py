"""The review round meets the council: lines onto a session's agenda, and the tally back onto the lines.

``councils`` does not import ``nominations`` (it serves other councils too): this module calls the council's
services to create a ballot item per line (``BallotItem.line_id``), and ``on_item_tallied`` — registered with
``councils.hooks`` in ``NominationsConfig.ready()`` — moves the line when its item is tallied, inside the
tally's transaction (``services.lines_tallied``).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from thidua.core.errors import Conflict, DomainError
from thidua.councils import ballots
from thidua.councils import services as council_services
from thidua.councils.models import BallotItem, Council, Session
from thidua.rules import selectors as rules
from thidua.rules.engine.facts import year_of

from . import basis as engine
from . import services, states
from .models import NominationLine, ReviewRound

LS = states.LineState
QUALIFIED = frozenset({"eligible", "undetermined"})
OPEN_SESSIONS = (Session.Status.SCHEDULED, Session.Status.OPEN)


def sessions_for(round_: ReviewRound) -> QuerySet[Session]:
    """The sessions still taking items of the council of the round's unit and year (access is the caller's)."""
    return (
        Session.objects.filter(council__unit=round_.unit, council__school_year=round_.school_year, status__in=OPEN_SESSIONS)
        .exclude(council__status=Council.Status.DISSOLVED)
        .select_related("council")
        .order_by("held_on", "id")
    )


def evaluate_lines(lines: Sequence[NominationLine], school_year) -> dict[tuple[str, str], engine.Basis]:
    """(engine id, code) -> the engine's outcome now, for each line's title and the lower rungs of its ladder: one
    batch evaluation for every person, one per collective."""
    year = year_of(school_year.start_date)
    day = rules.day_for(year)
    out: dict[tuple[str, str], engine.Basis] = {}
    people = sorted({line.person_id for line in lines if line.person_id})
    if people:
        codes = sorted({c for line in lines if line.person_id for c in (line.kind_code, *services.lower_codes(line.kind_code))})
        out.update(engine.person_bases(rules.evaluate_person_ids(person_ids=people, day=day, year=year, codes=codes)))
    for line in lines:
        if line.unit_id:
            for code in (line.kind_code, *services.lower_codes(line.kind_code)):
                out[(f"unit-{line.unit_id}", code)] = engine.evaluate_subject(school_year=school_year, code=code, unit=line.unit)
    return out


def _engine_id(line: NominationLine) -> str:
    return str(line.person_id) if line.person_id else f"unit-{line.unit_id}"


def qualified_lower(lines: Sequence[NominationLine], school_year, bases=None) -> dict[int, list[str]]:
    """Line id -> the lower rungs of its title the engine finds the subject eligible (or undetermined) for,
    nearest first."""
    bases = bases if bases is not None else evaluate_lines(lines, school_year)
    out = {}
    for line in lines:
        codes = services.lower_codes(line.kind_code)
        out[line.pk] = [c for c in codes if getattr(bases.get((_engine_id(line), c)), "verdict", None) in QUALIFIED]
    return out


@transaction.atomic
def lines_to_agenda(*, actor, round_: ReviewRound, session: Session, lines: Sequence[NominationLine] | None = None,
                    note: str = "") -> list[BallotItem]:  # fmt: skip
    """Put lines of the round (``None``: every proposed line) on the agenda of ``session``: each line goes
    ``on_agenda`` (re-evaluated, ``services.line_put_on_agenda``) and gets its ballot item — its subject and title,
    the lower titles the engine says the subject qualifies for, ``line_id`` set. All or nothing."""
    services._require_write(actor, round_.unit)
    round_ = ReviewRound.objects.select_for_update().select_related("unit", "school_year").get(pk=round_.pk)
    if round_.status == states.RoundStatus.CANCELLED:
        raise Conflict(_("Đợt bình xét đã hủy."), code="review_round_cancelled")
    council = session.council
    if council.unit_id != round_.unit_id or council.school_year_id != round_.school_year_id:
        raise DomainError(
            _("Phiên họp không thuộc Hội đồng Thi đua – Khen thưởng của %(unit)s năm học %(year)s.")
            % {"unit": round_.unit.name, "year": round_.school_year.code},
            code="session_of_another_council",
            field="session",
        )
    if lines is None:
        chosen = list(
            round_.lines.filter(state=LS.PROPOSED).select_related("person", "unit").order_by("person__sort_key", "unit__path", "id")
        )
    else:
        ids = [line.pk for line in lines]
        found = {line.pk: line for line in NominationLine.objects.filter(pk__in=ids, round=round_).select_related("person", "unit")}
        if len(found) != len(set(ids)):
            raise DomainError(_("Đề nghị không thuộc đợt bình xét này."), code="line_of_another_round", field="lines")
        chosen = [found[i] for i in dict.fromkeys(ids)]
        late = [line for line in chosen if line.state != LS.PROPOSED]
        if late:
            raise Conflict(
                _("%(line)s đang ở trạng thái “%(s)s”: không đưa ra Hội đồng được.")
                % {"line": str(late[0]), "s": late[0].get_state_display()},
                code="line_not_proposed",
                field="lines",
            )
    if not chosen:
        raise DomainError(_("Không còn đề nghị nào chờ đưa ra Hội đồng."), code="nothing_to_put", field="lines")
    bases = evaluate_lines(chosen, round_.school_year)
    lower = qualified_lower(chosen, round_.school_year, bases)
    items = []
    for line in chosen:
        line = services.line_put_on_agenda(actor=actor, line=line, note=note, found=bases.get((_engine_id(line), line.kind_code)))
        label = _("Chưa đạt tiêu chuẩn, có giải trình") if line.against_failed else ""
        items.append(
            council_services.item_add(
                actor=actor,
                session=session,
                kind_code=line.kind_code,
                person=line.person,
                subject_unit=line.unit,
                lower_codes=lower[line.pk],
                label=label,
                line_id=line.pk,
            )
        )
    return items


def on_item_tallied(*, actor, item: BallotItem, tally) -> None:
    """``councils.hooks`` callback: the tally of a linked item moves its line (passed / passed_lower / failed);
    an item without a line, or whose line has its result already (a re-vote), moves nothing."""
    if item.line_id is None:
        return
    line = NominationLine.objects.select_for_update().select_related("round__unit").filter(pk=item.line_id).first()
    if line is None or line.state != LS.ON_AGENDA:
        return
    services.lines_tallied(
        actor=actor,
        results=[services.TallyResult(line, tally.outcome, tally.granted_code, note=ballots.basis_text(item, tally))],
    )
