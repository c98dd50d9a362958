"""The data of the council's papers (phiếu bầu, biên bản họp, biên bản kiểm phiếu) from a session, for one actor.

Access is the council's own (``councils.permissions.access_session``: readers of the council's unit and its
members; 404 for everyone else). The counts are the stored tallies' exact figures (``councils.Tally``): numbers
of ballots per option, never who voted what (decision 0013). Rendering writes nothing.
"""

from __future__ import annotations

from fractions import Fraction

from django.utils import translation

from thidua.councils.models import AGREE, AttendanceStatus, MemberRole, PaperCount, Recusal, Session
from thidua.councils.permissions import access_session
from thidua.councils.selectors import session_items
from thidua.councils.services import voting_members
from thidua.councils.tally import VoteRule, percent
from thidua.org.models import OrgUnit
from thidua.rules.engine.evaluators import title_label

KINDS = ("ballot_paper", "minutes", "vote_count")
NAMES = {
    "ballot_paper": "phieu-bau",
    "minutes": "bien-ban-hop",
    "vote_count": "bien-ban-kiem-phieu",
}
OUTCOMES = {"passed": "Đạt", "passed_lower": "Đạt ở danh hiệu thấp hơn", "failed": "Không đạt"}


def place_of(unit: OrgUnit) -> str:
    """The commune the unit stands in ("Yên Tiến"), for "…, ngày … tháng … năm …"; "" when none."""
    ancestors = {u.path: u for u in OrgUnit.objects.filter(path__in=unit.ancestor_paths()).select_related("kind")}
    for path in reversed(unit.ancestor_paths()):
        ancestor = ancestors.get(path)
        if ancestor is not None and ancestor.kind.code == "commune":
            return ancestor.name.removeprefix("UBND ").removeprefix("xã ").removeprefix("phường ").strip()
    return ""


def _share(rule: VoteRule) -> str:
    if rule.strict and (rule.num, rule.den) == (1, 2):
        return "quá 1/2 (quá bán) tổng số thành viên"
    pct = percent(Fraction(rule.num, rule.den)).removesuffix(",0")
    return f"quá {pct}% tổng số thành viên" if rule.strict else f"từ {pct}% tổng số thành viên trở lên"


def threshold_text(rule: VoteRule, total: int) -> str:
    """ "CSTĐCS: từ 80% tổng số thành viên trở lên (ít nhất 8/9 phiếu)"."""
    return f"{title_label(rule.code)}: {_share(rule)} (ít nhất {rule.needed(total)}/{total} phiếu)"


def _votes(code: str, votes: int, total: int) -> str:
    return f"{title_label(code)}: {votes}/{total} ({percent(Fraction(votes, total))}%)"


def _support(item, tally) -> str:
    """The proposed title's agree votes over the total membership and, when a lower title passed, its support
    (agree + the lower votes at or above it): "CSTĐCS: 7/9 (77,8%); LĐTT: 8/9 (88,9%)"."""
    parts = [_votes(item.kind_code, tally.counts.get(AGREE, 0), tally.total_members)]
    if tally.granted_code and tally.granted_code != item.kind_code:
        parts.append(_votes(tally.granted_code, tally.support, tally.total_members))
    return "; ".join(parts)


def session_document(*, actor, session_id, kind: str) -> tuple[Session, dict]:
    """The session (404 when the actor may not open it) and the plain dict ``documents.council_papers`` renders."""
    session = access_session(actor, session_id)
    council = session.council
    unit = council.unit
    members = voting_members(council, session.held_on)
    total = session.total_members or len(members)
    attendance = {a.member_id: a for a in session.attendance.all()}
    with translation.override("vi"):  # the paper is in the language of record
        items = session_items(session)
        rows = []
        status_labels = dict(AttendanceStatus.choices)
        role_labels = dict(MemberRole.choices)
        for i, m in enumerate(members, start=1):
            a = attendance.get(m.pk)
            status = str(status_labels[a.status]) if a else "Chưa điểm danh"
            rows.append({"order": i, "name": m.person.full_name, "role": str(role_labels[m.role]),
                         "status": status + (f" ({a.reason})" if a and a.reason else "")})  # fmt: skip
        paper = {p.item_id: p for p in PaperCount.objects.filter(item__session=session)}
        recused: dict[int, int] = {}
        for item_id in Recusal.objects.filter(item__session=session).values_list("item_id", flat=True):
            recused[item_id] = recused.get(item_id, 0) + 1
        out_items = []
        for item in items:
            rule = VoteRule.of(item.rule)
            lower = [VoteRule.of(o) for o in item.lower_options]
            tally = item.result
            entry = {
                "order": item.position,
                "subject": item.person.full_name if item.person_id else item.subject_unit.name,
                "title": item.title,
                "lower": "; ".join(title_label(r.code) for r in lower) or "—",
                "threshold": "; ".join(threshold_text(r, total) for r in [rule, *lower]),
                "recused": recused.get(item.pk, 0),
                "tallied": tally is not None,
                "counts": "",
                "ballots": "",
                "support": "",
                "result": "Chưa kiểm phiếu",
                "paper": "",
            }
            if tally is not None:
                entry["counts"] = "; ".join(f"{label}: {n}" for label, n in item.count_rows)
                entry["ballots"] = str(tally.ballots) + (
                    f" (trong đó {tally.agree_written} ý kiến bằng văn bản đồng ý)" if tally.agree_written else ""
                )
                entry["support"] = _support(item, tally)
                entry["result"] = OUTCOMES[tally.outcome] + (f": {title_label(tally.granted_code)}" if tally.granted_code else "")
            if item.pk in paper:
                p = paper[item.pk]
                entry["paper"] = f"Phát ra {p.issued}, thu về {p.returned}, hợp lệ {p.valid}, không hợp lệ {p.invalid}"
            out_items.append(entry)
    chair = next((m.person.full_name for m in members if m.role == MemberRole.CHAIR), "")
    secretary = next((m.person.full_name for m in members if m.role == MemberRole.SECRETARY), "")
    counted = {s: sum(1 for m in members if getattr(attendance.get(m.pk), "status", None) == s) for s in AttendanceStatus.values}
    data = {
        "paper": kind,
        "issuer": unit.name,
        "parent": unit.parent.name if unit.parent_id else "",
        "place": place_of(unit),
        "date": session.held_on,
        "school_year": council.school_year.code,
        "council_decision": council.decision_number,
        "council_decision_date": council.decision_date,
        "held_on": session.held_on,
        "session_place": session.place,
        "mode": str(dict(session._meta.get_field("mode").choices)[session.mode]),
        "total_members": total,
        "present": counted[AttendanceStatus.PRESENT],
        "written": counted[AttendanceStatus.ABSENT_WRITTEN],
        "absent": total - counted[AttendanceStatus.PRESENT] - counted[AttendanceStatus.ABSENT_WRITTEN],
        "members": rows,
        "items": out_items,
        "chair": chair,
        "secretary": secretary,
    }
    return session, data
