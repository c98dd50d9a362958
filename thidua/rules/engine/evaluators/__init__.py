"""Small pure functions, one per criterion kind: ``(criterion, params, ctx) -> CriterionResult``, by concept:
``standing`` (ratings, confirmations, discipline), ``service`` (time served, sector and teaching years),
``titles`` (standards, prior awards, chains and counts), ``initiatives``, ``votes``, ``collective``.

``EVALUATORS`` maps each params class to its function; ``evaluate_criterion`` looks the function up by the
class of ``criterion.params``, so adding a kind of criterion is one dataclass and one function. What an
evaluator may read is said in ``context``: a read that bypasses it would not be seen by the engine's sharing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from .. import criteria as k
from ..outcomes import Citation, CriterionResult, Status, Verdict, _, any_of, combine
from ..rulesets import regime_on
from .collective import (
    all_members_at_least,
    collective_rating,
    collective_run,
    has_member_with,
    leads_cluster,
    member_share,
    no_member_discipline,
)
from .context import Ctx, result, same_round_status
from .initiatives import chain_with_initiatives, initiative_count
from .labels import title_label
from .registered import registered
from .service import min_service, sector_years, teaching_tenure
from .standing import confirmed, no_discipline, no_pending, rating_at_least, rating_count, rating_run
from .titles import award_chain, has_award, meets_standard, not_held, prior_award, title_chain, title_count
from .votes import council_vote

if TYPE_CHECKING:
    from ..criteria import Criterion, Rule
    from ..rulesets import RuleBook

_VERDICT = {Status.MET: Verdict.ELIGIBLE, Status.NOT_MET: Verdict.NOT_ELIGIBLE}


def not_modelled(c: Criterion, p: k.NotModelled, ctx: Ctx) -> CriterionResult:
    return result(c, Status.UNKNOWN, p.statement, _("hội đồng đánh giá theo văn bản"))


def any_of_options(c: Criterion, p: k.AnyOf, ctx: Ctx) -> CriterionResult:
    children = [evaluate_criterion(o, ctx) for o in p.options]
    status = any_of([ch.status for ch in children])
    met = [ch for ch in children if ch.status is Status.MET]
    if met:
        return result(c, status, _("Đạt: %s.") % met[0].label, evidence=met[0].evidence, children=children)
    missing = " hoặc ".join(ch.missing or ch.label for ch in children)
    reason = _("Chưa đạt trường hợp nào.") if status is Status.NOT_MET else _("Chưa xác định được: cần thêm dữ kiện.")
    return result(c, status, reason, c.missing or missing, children=children)


EVALUATORS: dict[type, Callable] = {
    k.RatingAtLeast: rating_at_least,
    k.Confirmed: confirmed,
    k.NoDiscipline: no_discipline,
    k.NoPending: no_pending,
    k.MinService: min_service,
    k.MeetsStandard: meets_standard,
    k.InitiativeCount: initiative_count,
    k.PriorAward: prior_award,
    k.RatingRun: rating_run,
    k.RatingCount: rating_count,
    k.TitleChain: title_chain,
    k.TitleCount: title_count,
    k.AwardChain: award_chain,
    k.ChainWithInitiatives: chain_with_initiatives,
    k.NotHeld: not_held,
    k.HasAward: has_award,
    k.SectorYears: sector_years,
    k.TeachingTenure: teaching_tenure,
    k.NotModelled: not_modelled,
    k.CouncilVote: council_vote,
    k.CollectiveRating: collective_rating,
    k.MemberShare: member_share,
    k.AllMembersAtLeast: all_members_at_least,
    k.NoMemberDiscipline: no_member_discipline,
    k.HasMemberWith: has_member_with,
    k.LeadsCluster: leads_cluster,
    k.CollectiveRun: collective_run,
    k.Registered: registered,
    k.AnyOf: any_of_options,
}


def evaluate_criterion(c: Criterion, ctx: Ctx) -> CriterionResult:
    return EVALUATORS[type(c.params)](c, c.params, ctx)


def evaluate_rule(rule: Rule, ctx: Ctx) -> tuple:
    """Everything of the outcome but its head and subject: (verdict, citation, tag, criterion results, notes)."""
    results = tuple([evaluate_criterion(c, ctx) for c in rule.criteria])
    if any(isinstance(c.params, k.NotModelled) for c in rule.criteria):
        verdict = Verdict.NOT_MODELLED
    else:
        verdict = _VERDICT.get(combine([r.status for r in results]), Verdict.UNDETERMINED)
    return verdict, rule.citation, rule.tag, results, (rule.note,) if rule.note else ()


def no_rule(book: RuleBook, code: str, year: int, day: dt.date) -> tuple:
    """Every field of the outcome but the subject, when no version of ``code`` is in force on ``day``."""
    regime = regime_on(day)
    name = next((r.name for r in book.rules if r.code == code), title_label(code))
    statement = _("Không có quy định về %s áp dụng vào ngày %s (%s).") % (
        name,
        f"{day:%d/%m/%Y}",
        regime.name if regime else _("ngoài các văn bản hệ thống có"),
    )
    missing = CriterionResult("no_rule", _("Quy định áp dụng"), Status.UNKNOWN, statement, Citation("DOMAIN §1.1"), "confirmed")
    return (code, code, regime.code if regime else "", "", year, Verdict.NOT_MODELLED, Citation("DOMAIN §1.1"), "confirmed", (missing,), ())


def head(rule: Rule, year: int) -> tuple:
    """The outcome's fields before its verdict: (code, name, regime, version, school year)."""
    return rule.code, rule.name, rule.regime, rule.version_id, year


__all__ = ["EVALUATORS", "Ctx", "evaluate_criterion", "evaluate_rule", "head", "no_rule", "same_round_status", "title_label"]
