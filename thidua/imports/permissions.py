"""``access_import``: a batch is seen by whoever sees its unit, committed by whoever may write it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for

from .models import ImportBatch


def access_import(actor, batch_id, *, write: bool = False) -> ImportBatch:
    scope = scope_for(actor)
    try:
        batch = ImportBatch.objects.select_related("unit", "created_by").get(pk=batch_id)
    except (ImportBatch.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy lần nhập dữ liệu.")) from None
    if not scope.can_read_unit(batch.unit):
        raise Http404(_("Không tìm thấy lần nhập dữ liệu."))
    if write and not scope.can_write_unit(batch.unit):
        raise PermissionDenied(_("Bạn không có quyền ghi dữ liệu của lần nhập này."))
    return batch
