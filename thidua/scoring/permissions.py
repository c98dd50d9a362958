"""Access to rounds, submissions, publications and covenants.

* A round (its page, its published results) opens for readers of the organiser and of any member unit.
* A submission opens for readers of its unit, readers of the organiser, and **peers**: users who write a
  unit assigned to score it (narrow extra access: that submission, its evidence and the round, nothing of
  the unit's people). Everyone else gets 404; officer of a sibling school that is not its peer sees nothing.
* Writing: the self layer needs write scope on the unit; the reviewers' layers, returns, approvals and
  publication need write scope on the organiser; the peer layer needs an assignment (never one's own unit:
  403 ``self_scoring``).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for
from thidua.core.errors import PermissionDenied as DomainPermissionDenied

from .models import Covenant, PeerAssignment, Publication, ScoreSheet, ScoringRound, Submission

ORGANISER, SELF, PEER = "organiser", "self", "peer"


class PermissionDenied(DomainPermissionDenied, DjangoPermissionDenied):
    """A 403 with its code: the pages show Django's 403 page, the API the error body with ``code``."""


def peer_units(actor, scoring_round: ScoringRound, scored_unit) -> list:
    """The units the actor writes that are assigned to score ``scored_unit`` in the round."""
    scope = scope_for(actor)
    rows = PeerAssignment.objects.filter(scoring_round=scoring_round, scored=scored_unit).select_related("scorer")
    return [a.scorer for a in rows if scope.can_write_unit(a.scorer)]


def _round_readable(scope, scoring_round: ScoringRound) -> bool:
    if scope.can_read_unit(scoring_round.cluster.organiser):
        return True
    return scope.sees_units and scoring_round.submissions.filter(scope.units_q("unit__")).exists()


def access_round(actor, round_id, *, write: bool = False) -> ScoringRound:
    scope = scope_for(actor)
    try:
        scoring_round = ScoringRound.objects.select_related("cluster", "cluster__organiser", "school_year", "sheet").get(pk=round_id)
    except (ScoringRound.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy đợt chấm điểm.")) from None
    if not _round_readable(scope, scoring_round):
        raise Http404(_("Không tìm thấy đợt chấm điểm."))
    if write and not scope.can_write_unit(scoring_round.cluster.organiser):
        raise PermissionDenied(_("Chỉ đơn vị tổ chức cụm, khối được thực hiện thao tác này."), code="forbidden")
    return scoring_round


def access_submission(actor, submission_id, *, write: str | None = None) -> Submission:
    """``write`` is None (read), ``"self"``, ``"organiser"`` or ``"peer"``."""
    scope = scope_for(actor)
    try:
        submission = Submission.objects.select_related(
            "unit",
            "scoring_round",
            "scoring_round__cluster",
            "scoring_round__cluster__organiser",
            "scoring_round__sheet",
            "scoring_round__school_year",
        ).get(pk=submission_id)
    except (Submission.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy bảng chấm điểm.")) from None
    organiser = submission.scoring_round.cluster.organiser
    readable = scope.can_read_unit(submission.unit) or scope.can_read_unit(organiser)
    peers = None
    if not readable:
        peers = peer_units(actor, submission.scoring_round, submission.unit)
        if not peers:
            raise Http404(_("Không tìm thấy bảng chấm điểm."))
    if write == SELF and not scope.can_write_unit(submission.unit):
        raise PermissionDenied(_("Chỉ đơn vị được chấm mới tự chấm điểm."), code="forbidden")
    if write == ORGANISER and not scope.can_write_unit(organiser):
        raise PermissionDenied(_("Chỉ đơn vị tổ chức cụm, khối được thẩm định."), code="forbidden")
    if write == PEER:
        if peers is None:
            peers = peer_units(actor, submission.scoring_round, submission.unit)
        if not peers:
            if scope.can_write_unit(submission.unit):
                raise PermissionDenied(_("Đơn vị không được chấm chéo cho chính mình."), code="self_scoring")
            raise PermissionDenied(_("Bạn không được phân công chấm chéo bảng này."), code="not_assigned")
    return submission


def access_publication(actor, publication_id) -> Publication:
    try:
        publication = Publication.objects.select_related(
            "scoring_round", "scoring_round__cluster__organiser", "scoring_round__school_year"
        ).get(pk=publication_id)
    except (Publication.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy kết quả công bố.")) from None
    if not _round_readable(scope_for(actor), publication.scoring_round):
        raise Http404(_("Không tìm thấy kết quả công bố."))
    return publication


def access_covenant(actor, covenant_id) -> Covenant:
    scope = scope_for(actor)
    try:
        covenant = Covenant.objects.select_related("organiser", "cluster", "school_year").get(pk=covenant_id)
    except (Covenant.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy giao ước thi đua.")) from None
    if not scope.can_read_unit(covenant.organiser) and not (
        scope.sees_units and covenant.signatories.filter(scope.units_q("unit__")).exists()
    ):
        raise Http404(_("Không tìm thấy giao ước thi đua."))
    return covenant


def access_sheet(actor, sheet_id, *, write: bool = False) -> ScoreSheet:
    """A criteria sheet opens for readers of its organiser and for readers of a unit scored by it (the sheet of
    their round); changing it needs write scope on the organiser."""
    scope = scope_for(actor)
    try:
        sheet = ScoreSheet.objects.select_related("organiser").get(pk=sheet_id)
    except (ScoreSheet.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy bảng tiêu chí.")) from None
    if not scope.can_read_unit(sheet.organiser) and not (
        scope.sees_units and Submission.objects.filter(scoring_round__sheet=sheet).filter(scope.units_q("unit__")).exists()
    ):
        raise Http404(_("Không tìm thấy bảng tiêu chí."))
    if write and not scope.can_write_unit(sheet.organiser):
        raise PermissionDenied(_("Chỉ đơn vị ban hành được sửa bảng tiêu chí này."), code="forbidden")
    return sheet
