"""The data of a review round's papers (tờ trình, danh sách trích ngang, each nominee's báo cáo thành tích), from
the round's lines and the ledger; the caller has checked access (``nominations.permissions``).

The lines printed are the round's passed lines (passed or passed at a lower title) once the council has
voted, the lines still in play (proposed, on the agenda) before: the papers work before the dossier exists.
A fixed number of queries per paper whatever the number of lines (the bundle prints a round at once).
"""

from __future__ import annotations

from collections import defaultdict

from django.utils import timezone

from thidua.awards.models import Award, InitiativeRecord
from thidua.nominations import routing
from thidua.nominations.models import NominationLine, ReviewRound, kind_name
from thidua.people.models import AnnualRating, Rating

PASSED = ("passed", "passed_lower")
IN_PLAY = ("proposed", "on_agenda")
LAW = "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"
DECREE = (
    "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành "
    "một số điều của Luật Thi đua, khen thưởng"
)
SHORT = {"LDTT": "LĐTT", "CSTDCS": "CSTĐCS"}


def printed_lines(round_: ReviewRound) -> list[NominationLine]:
    qs = NominationLine.objects.filter(round=round_).select_related("person", "person__current_unit", "unit", "unit__parent")
    lines = list(qs.filter(state__in=PASSED).order_by("person__sort_key", "unit__name", "id"))
    return lines or list(qs.filter(state__in=IN_PLAY).order_by("person__sort_key", "unit__name", "id"))


def line_title(line: NominationLine) -> str:
    return kind_name(line.granted_code) if line.state == "passed_lower" and line.granted_code else kind_name(line.kind_code)


def _frame(round_: ReviewRound) -> dict:
    unit = round_.unit
    return {
        "issuer": unit.name,
        "parent": unit.parent.name if unit.parent_id and unit.parent_id != unit.pk else "",
        "issuer_abbrev": unit.code.replace("-", "").upper(),
        "place": "",
        "date": None,  # dated by hand when signed
        "school_year": round_.school_year.code,
        "signer_title": "Thủ trưởng đơn vị",
        "signer_name": "",
    }


def _receivers(round_: ReviewRound, lines) -> list[str]:
    day = timezone.localdate()
    chain = routing.chain_on(round_.unit, day)
    launcher = routing.chain_unit(round_.movement.launcher) if round_.movement_id else None
    out: list[str] = []
    for code in sorted({line.granted_code or line.kind_code for line in lines}):
        route = routing.resolve(kind_code=code, chain=chain, day=day, launcher=launcher)
        if route.granting is None:
            continue
        name = route.granting.name if route.granting.id != round_.unit_id else f"{route.authority or 'Thủ trưởng'} {round_.unit.name}"
        if name not in out:
            out.append(name)
    return out


def submission_data(round_: ReviewRound, lines: list[NominationLine] | None = None) -> dict:
    lines = printed_lines(round_) if lines is None else lines
    counts: dict[str, dict] = {}
    for line in lines:
        row = counts.setdefault(line_title(line), {"kind": line_title(line), "people": 0, "units": 0})
        row["people" if line.person_id else "units"] += 1
    bases = [LAW, DECREE]
    if any(line.state in PASSED for line in lines):
        bases.append(f"Căn cứ kết quả bình xét của Hội đồng Thi đua - Khen thưởng {round_.unit.name}")
    bases.append(f"Căn cứ kết quả thực hiện nhiệm vụ năm học {round_.school_year.code}")
    return {
        **_frame(round_),
        "receivers": _receivers(round_, lines),
        "bases": bases,
        "round_name": round_.name,
        "counts": list(counts.values()),
    }


def _ledger(person_ids: list[int]) -> tuple[dict, dict, dict]:
    """Ratings, awards (not revoked) and initiatives of the people, by person id (three queries)."""
    ratings, awards, initiatives = defaultdict(list), defaultdict(list), defaultdict(list)
    labels = dict(Rating.choices)
    for pid, year, rating in (
        AnnualRating.objects.filter(person_id__in=person_ids).order_by("school_year__start_date").values_list("person_id", "school_year__code", "rating")
    ):  # fmt: skip
        ratings[pid].append({"year": year, "rating": str(labels.get(rating, rating)), "code": rating})
    rows = (
        Award.objects.filter(person_id__in=person_ids, revoked=False).exclude(decision__status="revoked")
        .order_by("decision__decision_date", "id")
        .values_list("person_id", "school_year__code", "kind__name", "kind__code", "decision__number", "decision__decision_date")
    )  # fmt: skip
    for pid, year, name, code, number, day in rows:
        decision = f"{number} ngày {day.strftime('%d/%m/%Y')}" if day else number
        awards[pid].append({"year": year or day.year if day else year, "title": name, "code": code, "decision": decision})
    through = InitiativeRecord.authors.through
    for pid, year, title, number, day in (
        through.objects.filter(person_id__in=person_ids).order_by("initiativerecord__school_year__start_date")
        .values_list("person_id", "initiativerecord__school_year__code", "initiativerecord__title",
                     "initiativerecord__decision_number", "initiativerecord__decision_date")
    ):  # fmt: skip
        decision = f"{number} ngày {day.strftime('%d/%m/%Y')}" if number and day else number
        initiatives[pid].append({"year": year, "title": title, "decision": decision})
    return ratings, awards, initiatives


def _summary(ratings: list[dict], awards: list[dict], initiatives: list[dict]) -> str:
    parts = []
    if ratings:
        parts.append(f"Năm học {ratings[-1]['year']}: {ratings[-1]['rating']}")
    recent = awards[-3:]
    if recent:
        parts.append("; ".join(f"{SHORT.get(a['code'], a['title'])} {a['year']}" for a in recent))
    if initiatives:
        parts.append(f"{len(initiatives)} sáng kiến được công nhận")
    return ". ".join(parts)


def nominee_list_data(round_: ReviewRound, lines: list[NominationLine] | None = None) -> dict:
    lines = printed_lines(round_) if lines is None else lines
    ratings, awards, initiatives = _ledger([line.person_id for line in lines if line.person_id])
    rows = []
    for line in lines:
        if line.person_id:
            p = line.person
            rows.append({
                "name": p.full_name, "birth_year": p.date_of_birth.year if p.date_of_birth else None, "position": p.current_position,
                "unit": p.current_unit.name if p.current_unit_id else round_.unit.name, "title": line_title(line),
                "summary": _summary(ratings[p.pk], awards[p.pk], initiatives[p.pk]),
            })  # fmt: skip
        else:
            rows.append({"name": line.unit.name, "birth_year": None, "position": "", "unit": line.unit.parent.name if line.unit.parent_id else "",
                         "title": line_title(line), "summary": "", "collective": True})  # fmt: skip
    return {**_frame(round_), "rows": rows}


def achievement_report_data(line: NominationLine, ledger: tuple[dict, dict, dict] | None = None) -> dict:
    round_ = line.round
    frame = _frame(round_)
    if not line.person_id:
        return {**frame, "title": line_title(line), "name": line.unit.name, "collective": True,
                "unit": line.unit.parent.name if line.unit.parent_id else "", "ratings": [], "awards": [], "initiatives": []}  # fmt: skip
    p = line.person
    ratings, awards, initiatives = ledger or _ledger([p.pk])
    return {
        **frame, "title": line_title(line), "name": p.full_name, "birth_date": p.date_of_birth, "gender": p.get_gender_display(),
        "ethnicity": p.ethnicity, "position": p.current_position, "unit": p.current_unit.name if p.current_unit_id else round_.unit.name,
        "ratings": ratings[p.pk], "awards": awards[p.pk], "initiatives": initiatives[p.pk],
    }  # fmt: skip


def bundle_parts(round_: ReviewRound) -> list[tuple[str, str, dict]]:
    """(kind, file stem, data) of every paper of the round's bundle: the tờ trình, the trích ngang, then one
    báo cáo thành tích per nominee (one ledger load for all)."""
    lines = printed_lines(round_)
    ledger = _ledger([line.person_id for line in lines if line.person_id])
    parts = [
        ("submission", "01-to-trinh", submission_data(round_, lines)),
        ("nominee_list", "02-danh-sach-trich-ngang", nominee_list_data(round_, lines)),
    ]
    for i, line in enumerate(lines, start=1):
        line.round = round_
        parts.append(("achievement_report", f"{i + 2:02d}-bao-cao-thanh-tich-{line.pk}", achievement_report_data(line, ledger)))
    return parts
