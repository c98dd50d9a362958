"""The rules of a movement's timeline and reach, as pure functions over plain values.

The services (forms, API and seeding all call them) raise these ``DomainError``s; nothing is saved.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from thidua.awards import authority
from thidua.core.errors import DomainError


def _d(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def kind_fields(*, kind: str, has_school_year: bool, field: str) -> None:
    if kind == "regular" and not has_school_year:
        raise DomainError(_("Phong trào thường xuyên cần có năm học."), code="required", field="school_year")
    if kind == "thematic" and not field:
        raise DomainError(_("Phong trào chuyên đề cần có lĩnh vực."), code="required", field="field")


def period(*, start: dt.date | None, end: dt.date | None) -> None:
    if start is None or end is None:
        raise DomainError(
            _("Cần có thời gian thi đua (từ ngày, đến ngày)."), code="required", field="period_start" if start is None else "period_end"
        )
    if end < start:
        raise DomainError(
            _("Ngày kết thúc (%(end)s) trước ngày bắt đầu (%(start)s).") % {"end": _d(end), "start": _d(start)},
            code="end_before_start",
            field="period_end",
        )


def window(*, opens: dt.date | None, closes: dt.date | None, start: dt.date, end: dt.date) -> None:
    """The registration window lies inside the period, and closes after it opens."""
    if opens is None and closes is None:
        return
    if opens is None or closes is None:
        raise DomainError(
            _("Cần có cả ngày mở và hạn đăng ký thi đua."),
            code="required",
            field="registration_opens" if opens is None else "registration_closes",
        )
    if closes < opens:
        raise DomainError(_("Hạn đăng ký thi đua trước ngày mở đăng ký."), code="end_before_start", field="registration_closes")
    if opens < start or closes > end:
        raise DomainError(
            _("Thời gian đăng ký (%(o)s – %(c)s) phải nằm trong thời gian thi đua (%(s)s – %(e)s).")
            % {"o": _d(opens), "c": _d(closes), "s": _d(start), "e": _d(end)},
            code="window_outside_period",
            field="registration_opens",
        )


def milestones(*, phase: dt.date | None, final: dt.date | None, start: dt.date, end: dt.date) -> None:
    """Sơ kết inside the period; tổng kết after the sơ kết and not before the period starts."""
    if phase is not None and not start <= phase <= end:
        raise DomainError(
            _("Ngày sơ kết (%(d)s) phải nằm trong thời gian thi đua.") % {"d": _d(phase)},
            code="window_outside_period",
            field="phase_review_on",
        )
    if final is not None and (final < start or (phase is not None and final < phase)):
        raise DomainError(_("Ngày tổng kết phải sau ngày bắt đầu và sau ngày sơ kết."), code="end_before_start", field="final_review_on")


def target_within(*, target_path: str, target_name: str, launcher_path: str, launcher_name: str) -> None:
    """A target lies in the launcher's subtree: outside it, the unit is unknown to this launcher."""
    if not target_path.startswith(launcher_path):
        raise DomainError(
            _("“%(unit)s” không thuộc phạm vi của %(launcher)s.") % {"unit": target_name, "launcher": launcher_name},
            code="unknown_unit",
            field="targets",
        )


def granting_authority(*, kind_code: str, legal_entity: bool, day: dt.date) -> str:
    """Who grants the movement's awards: the launcher's own authority lines on ``day`` ("cấp nào phát
    động thì cấp đó khen thưởng", DOMAIN §6.4), in words; empty when the launcher decides nothing."""
    codes = sorted({code for grant in authority.GRANTS for code in grant.codes})
    found: list[str] = []
    for code in codes:
        grant = authority.authority_for(code=code, issuer_kind=kind_code, legal_entity=legal_entity, day=day)
        if grant is not None and grant.authority not in found:
            found.append(grant.authority)
    return "; ".join(found)
