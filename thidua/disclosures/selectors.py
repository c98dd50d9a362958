"""Reads of disclosures, scoped: the list an actor may read, one disclosure's lines and the remarks the actor
may see (the unit's writers see every remark; another reader only her own, with its answer), and the public
page's three columns."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for

from .models import DisclosedLine, Disclosure, Remark
from .permissions import visible_q


def disclosure_list(*, actor, round_id: int | None = None) -> QuerySet[Disclosure]:
    qs = Disclosure.objects.filter(visible_q(actor)).select_related("unit", "round", "round__school_year")
    if round_id is not None:
        qs = qs.filter(round_id=round_id)
    return qs


def disclosure_entries(*, disclosure: Disclosure) -> QuerySet[DisclosedLine]:
    return disclosure.entries.order_by("id")


def remarks_for(*, actor, disclosure: Disclosure) -> QuerySet[Remark]:
    qs = disclosure.remarks.select_related("entry", "author", "author__person", "answered_by").order_by("created_at", "id")
    if not scope_for(actor).can_write_unit(disclosure.unit):
        qs = qs.filter(author_id=getattr(actor, "pk", None))
    return qs


def public_rows(*, token: str) -> tuple[Disclosure, list[dict]]:
    """The public page of a running disclosure published as public: name, unit and title only (404 otherwise)."""
    disclosure = (
        Disclosure.objects.filter(public=True, token=token or "-")
        .only("title", "starts_on", "ends_on", "unit__name")
        .select_related("unit")
        .first()
    )
    if disclosure is None or not disclosure.is_running(timezone.localdate()):
        raise Http404(_("Không tìm thấy danh sách công khai."))
    rows = list(disclosure.entries.order_by("id").values("name", "unit_name", "title"))
    return disclosure, rows
