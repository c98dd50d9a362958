"""Pages of criteria sheets: the list, a sheet (its criteria tree and bands), and the organiser's forms to draft
one, add criteria and bands, and publish it. Thin: parse, access_sheet, one service of ``sheets.py``, render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.accounts.scope import scope_for
from thidua.core.views import service_form_page

from . import sheets
from .forms import BandForm, ConfirmForm, CriterionForm, SheetForm
from .models import ScoreSheet
from .permissions import access_sheet
from .selectors import sheets_visible


def _url(sheet) -> str:
    return reverse("scoring:sheet", kwargs={"pk": sheet.pk})


def _back(sheet) -> tuple[str, str]:
    return str(sheet), _url(sheet)


@login_required
def sheet_list(request):
    scope = scope_for(request.user)
    if not scope.sees_units:
        raise PermissionDenied(_("Bạn không có quyền xem bảng tiêu chí chấm điểm."))
    rows = list(sheets_visible(actor=request.user).order_by("organiser__name", "name", "-version"))
    return render(request, "scoring/sheets.html", {"sheets": rows, "can_create": scope.writes_units})


def _depths(criteria) -> list[tuple[object, int]]:
    """Each criterion with its depth in the tree (criteria come in position order, parents first)."""
    depth: dict[int, int] = {}
    out = []
    for c in criteria:
        depth[c.pk] = depth.get(c.parent_id, -1) + 1 if c.parent_id else 0
        out.append((c, depth[c.pk]))
    return out


@login_required
def sheet_detail(request, pk: int):
    sheet = access_sheet(request.user, pk)
    can_write = scope_for(request.user).can_write_unit(sheet.organiser)
    context = {
        "sheet": sheet,
        "criteria": _depths(sheets.criteria_of(sheet)),
        "bands": list(sheet.bands.all()),
        "draft": sheet.status == ScoreSheet.Status.DRAFT,
        "can_write": can_write,
        "rounds": list(sheet.rounds.select_related("cluster", "school_year")) if can_write else [],
    }
    return render(request, "scoring/sheet.html", context)


@login_required
def sheet_create(request):
    if not scope_for(request.user).writes_units:
        raise PermissionDenied(_("Bạn không có quyền ban hành bảng tiêu chí."))
    form = SheetForm(request.POST or None, actor=request.user)

    def save(d):
        return sheets.sheet_create(
            actor=request.user,
            organiser=d["organiser"],
            name=d["name"],
            bonus_cap=d["bonus_cap"],
            penalty_cap=d["penalty_cap"],
            decimals=d["decimals"],
            gate_cap=d["gate_cap"],
        )

    return service_form_page(
        request,
        form,
        save,
        title=_("Soạn bảng tiêu chí chấm điểm"),
        success=_("Đã tạo bản dự thảo bảng tiêu chí; hãy thêm các tiêu chí và xếp loại."),
        next_url=_url,
        back=(_("Bảng tiêu chí chấm điểm"), reverse("scoring:sheets")),
        intro=_("Cùng tên với một bảng đã có của đơn vị: bảng mới là phiên bản tiếp theo, thay thế phiên bản trước."),
    )


@login_required
def criterion_add(request, pk: int):
    sheet = access_sheet(request.user, pk, write=True)
    criteria = sheets.criteria_of(sheet)
    form = CriterionForm(request.POST or None, criteria=criteria)

    def save(d):
        sheets.criterion_add(
            actor=request.user,
            sheet=sheet,
            code=d["code"].strip(),
            text=d["text"],
            kind=d["kind"],
            max_points=d["max_points"],
            min_points=d["min_points"],
            step=d["step"],
            evidence=d["evidence"],
            auto_source=d["auto_source"],
            parent=form.parent_criterion(),
        )
        return sheet

    return service_form_page(
        request,
        form,
        save,
        title=_("Thêm tiêu chí"),
        success=_("Đã thêm tiêu chí."),
        next_url=_url,
        back=_back(sheet),
        intro="" if sheet.status == ScoreSheet.Status.DRAFT else _("Bảng tiêu chí đã ban hành không được sửa; hãy tạo phiên bản mới."),
    )


@login_required
def band_add(request, pk: int):
    sheet = access_sheet(request.user, pk, write=True)
    form = BandForm(request.POST or None)

    def save(d):
        sheets.band_add(actor=request.user, sheet=sheet, label=d["label"], minimum=d["minimum"])
        return sheet

    return service_form_page(
        request,
        form,
        save,
        title=_("Thêm xếp loại"),
        success=_("Đã thêm xếp loại."),
        next_url=_url,
        back=_back(sheet),
        intro=_("Một xếp loại đạt được từ số điểm tối thiểu của nó."),
    )


@login_required
def sheet_publish(request, pk: int):
    sheet = access_sheet(request.user, pk, write=True)
    return service_form_page(
        request,
        ConfirmForm(request.POST if request.method == "POST" else None),
        lambda _d: sheets.sheet_publish(actor=request.user, sheet=sheet),
        title=_("Ban hành %(sheet)s") % {"sheet": sheet},
        success=_("Đã ban hành bảng tiêu chí."),
        next_url=_url,
        back=_back(sheet),
        submit=_("Ban hành"),
        intro=_("Bảng tiêu chí đã ban hành không còn sửa được; các đợt chấm điểm dùng đúng phiên bản này."),
    )
