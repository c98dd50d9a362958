"""The council's secret ballot on a title (NĐ 98/2023 Điều 30.7)."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from .. import criteria as k
from ..facts import BallotFact, ballot_for
from ..outcomes import CriterionResult, Status, _
from .context import Ctx, result

if TYPE_CHECKING:
    from ..criteria import Criterion


def vote_percent(value: Fraction) -> str:
    """A share as a percentage the way Vietnamese texts write it: at most two decimals, rounded down (a share
    just under a threshold never reads as reaching it), decimal comma: 80, 73,33."""
    hundredths = (value * 10000).__floor__()
    whole, part = divmod(hundredths, 100)
    return f"{whole}" if part == 0 else f"{whole},{part:02d}".rstrip("0")


def _needed(threshold: Fraction, total: int) -> int:
    return -((-threshold * total).__floor__())  # the fewest votes reaching the threshold


def council_vote(c: Criterion, p: k.CouncilVote, ctx: Ctx) -> CriterionResult:
    return _vote_result(c, p, ctx.derived(known_ballot, ctx.rule.code, ctx.year, ctx.day))


def known_ballot(f, code: str, year: int, day) -> BallotFact | None:
    return ballot_for(f.ballots, code, year, day) if f.ballots else None


def _vote_result(c: Criterion, p: k.CouncilVote, b: BallotFact | None) -> CriterionResult:
    required = vote_percent(p.threshold)
    if b is None:
        return result(
            c,
            Status.UNKNOWN,
            _(
                "Chưa bỏ phiếu: chưa có kết quả bỏ phiếu kín của Hội đồng Thi đua – Khen thưởng (cần từ %s%% "
                "tổng số thành viên Hội đồng đồng ý)."
            )
            % required,
            _("kết quả bỏ phiếu kín của Hội đồng Thi đua – Khen thưởng"),
        )
    votes = b.in_favour + b.in_favour_written
    share = Fraction(votes, b.total_members)
    how = (
        _(" (%d tại phiên họp, %d thành viên vắng mặt đồng ý bằng văn bản)") % (b.in_favour, b.in_favour_written)
        if b.in_favour_written
        else ""
    )
    when = _(" ngày %s") % f"{b.session_date:%d/%m/%Y}" if b.session_date else ""
    text = _("Bỏ phiếu kín%s: %d/%d thành viên Hội đồng đồng ý%s, đạt %s%% tổng số thành viên; yêu cầu từ %s%% trở lên.") % (
        when,
        votes,
        b.total_members,
        how,
        vote_percent(share),
        required,
    )
    if share >= p.threshold:
        return result(c, Status.MET, text)
    needed = _needed(p.threshold, b.total_members)
    return result(c, Status.NOT_MET, text, _("cần ít nhất %d/%d thành viên Hội đồng đồng ý") % (needed, b.total_members))
