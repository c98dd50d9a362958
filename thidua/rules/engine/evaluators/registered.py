"""The registration criterion (``criteria.Registered``): whether the title was registered for at the start of
the school year, and whether that matters (``Policy.registration_required``; ``engine.registration``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import criteria as k
from ..outcomes import CriterionResult, Status, _
from ..registration import registration_check
from ..titles import name_of
from .context import Ctx, result

if TYPE_CHECKING:
    from ..criteria import Criterion


def registered(c: Criterion, p: k.Registered, ctx: Ctx) -> CriterionResult:
    code = ctx.rule.code
    via, approved_on = ctx.derived(registration_of, code, ctx.day)
    required = _required(ctx)
    check = registration_check((via,) if via else (), code, required=required)
    if check.met:
        reason = _("Đã đăng ký thi đua: %s") % name_of(via)
        if approved_on is not None:
            reason += _(", duyệt ngày %s") % f"{approved_on:%d/%m/%Y}"
        return result(c, Status.MET, reason + ".")
    if check.decisive:
        return result(c, Status.NOT_MET, _("Chưa đăng ký thi đua đầu năm học (bắt buộc theo quy định của đơn vị)."))
    return result(c, Status.MET, _("Chưa đăng ký thi đua đầu năm học (không bắt buộc)."))


def registration_of(f, code: str, day) -> tuple[str | None, object]:
    """The registered code covering ``code`` (itself or a higher rung) approved by ``day``, and its approval date."""
    held = {r.code: r.approved_on for r in f.registered if r.approved_on is None or r.approved_on <= day}
    if not held:
        return None, None
    check = registration_check(held, code)
    return (check.via, held[check.via]) if check.met else (None, None)


def unit_of(f) -> str:
    return f.unit


def _required(ctx: Ctx) -> bool:
    pairs = ctx.policy.registration_required
    if not pairs:  # the default: no read of the subject's unit, so the answer is shared as before
        return False
    regime = ctx.rule.regime
    if (regime, "*") in pairs or ("*", "*") in pairs:
        return True
    if not any(r in (regime, "*") for r, _u in pairs):
        return False
    unit = ctx.derived(unit_of)
    return (regime, unit) in pairs or ("*", unit) in pairs
