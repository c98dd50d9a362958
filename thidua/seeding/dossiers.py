"""The demo's dossier: school A sends its 2025-2026 year-end round's passed lines to the level above (the commune,
whose officers are the Sở's in the demo: officer_dept reaches it), which receives it, starts checking, accepts
one line and returns another asking for the minutes, so the dossier waits for the school's answer."""

from __future__ import annotations

from thidua.dossiers import services
from thidua.dossiers.models import Dossier
from thidua.nominations import services as nominations
from thidua.nominations.models import ReviewRound


def _pass_two(round_, officer) -> None:
    """Two eligible lines (Hoà's Bằng khen first) recorded as passed (the council's tally writes this once councils feed the lines; until then the
    demo records the result through the same service)."""
    if round_.lines.filter(state__in=["passed", "passed_lower"]).exists():
        return
    eligible = list(round_.lines.filter(state="proposed", verdict="eligible").select_related("person").order_by("id"))
    lines = sorted(eligible, key=lambda line: line.kind_code != "BK_BO_TINH")[:2]
    results = [nominations.TallyResult(line=nominations.line_put_on_agenda(actor=officer, line=line), outcome="passed") for line in lines]
    nominations.lines_tallied(actor=officer, results=results)


def seed_demo_dossiers(*, school_a, officer_school_a, officer_dept) -> Dossier | None:
    round_ = ReviewRound.objects.get(unit=school_a, kind="year_end", school_year__code="2025-2026")
    _pass_two(round_, officer_school_a)
    found = services.receivers_for(round_)
    if not found:
        return None
    receiver_id = next(iter(found))
    from thidua.org.models import OrgUnit

    dossier = services.dossier_create(actor=officer_school_a, round_=round_, receiver=OrgUnit.objects.get(pk=receiver_id))
    services.dossier_submit(actor=officer_school_a, dossier=dossier, note="Kèm tờ trình số 12/TTr-THCSYT")
    services.dossier_receive(actor=officer_dept, dossier=dossier)
    services.dossier_check(actor=officer_dept, dossier=dossier)
    lines = list(dossier.lines.select_related("line", "line__person", "line__unit", "dossier__sender", "dossier__receiver").order_by("id"))
    for dline in lines[1:]:
        services.line_accept(actor=officer_dept, dline=dline)
    services.line_return(actor=officer_dept, dline=lines[0], field="minutes",
                         reason="Biên bản kiểm phiếu chưa ghi tổng số thành viên Hội đồng; đề nghị bổ sung")  # fmt: skip
    services.dossier_return(actor=officer_dept, dossier=dossier, note="Bổ sung biên bản kiểm phiếu")
    return dossier
