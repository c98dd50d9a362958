"""Reads of the scoring app that depend on who asks, and the Cờ thi đua fact read from publications."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from thidua.accounts.scope import scope_for

from .models import PublishedResult, ScoreSheet, ScoringRound, Submission


def rounds_visible(*, actor) -> QuerySet[ScoringRound]:
    """Rounds whose organiser the actor reads or in which a unit the actor reads takes part."""
    scope = scope_for(actor)
    qs = ScoringRound.objects.select_related("cluster", "cluster__organiser", "school_year", "sheet")
    if scope.is_admin:
        return qs
    taking_part = Submission.objects.filter(scope.units_q("unit__")).values("scoring_round_id")
    return qs.filter(scope.units_q("cluster__organiser__") | Q(pk__in=taking_part))


def sheets_visible(*, actor) -> QuerySet[ScoreSheet]:
    """Sheets whose organiser the actor reads (the sheet of a round a member reads opens from the round)."""
    return ScoreSheet.objects.filter(scope_for(actor).units_q("organiser__")).select_related("organiser")


def sees_every_submission(actor, scoring_round: ScoringRound) -> bool:
    """The organiser's readers see every member's layers; a member sees only its own (and its rank)."""
    return scope_for(actor).can_read_unit(scoring_round.cluster.organiser)


def submissions_for(actor, scoring_round: ScoringRound) -> QuerySet[Submission]:
    qs = scoring_round.submissions.select_related("unit")
    if sees_every_submission(actor, scoring_round):
        return qs
    return qs.filter(scope_for(actor).units_q("unit__"))


def cluster_leader_fact(unit_id: int, year: int) -> bool | None:
    """The ``cluster_leader`` fact of school year ``year`` (its start year): True when the unit is a leader in
    the current (not superseded) publication of a cluster that feeds the Cờ thi đua, False when it is in such a
    publication but not a leader, else None (the engine asks, never guesses). One query."""
    rows = PublishedResult.objects.filter(
        unit_id=unit_id,
        publication__superseded_by__isnull=True,
        publication__scoring_round__school_year__start_date__year=year,
        publication__scoring_round__cluster__feeds_flag=True,
    ).values_list("leader", flat=True)
    values = list(rows)
    if not values:
        return None
    return any(values)
