"""The JSON edge (docs/eligibility-format.md): parse and check a document into facts, and write an
``evaluation.Evaluation`` as the result document.

Every problem is reported with its exact path (``persons[3].history[2].rating: expected one of …``);
nothing in a document can crash the engine. The CLI and the API end in ``evaluate_document``, the database
path in ``evaluation.evaluate_outcomes`` (written by ``evaluation_to_json`` where JSON is wanted), so they give
the same answers for the same facts.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .criteria import Policy
from .evaluation import Document, Evaluation, evaluate_outcomes
from .facts import (
    AWARD_TYPES,
    DISCIPLINE_FORMS,
    DISCIPLINE_STATUSES,
    GENDERS,
    INITIATIVE_KINDS,
    LEAVE_KINDS,
    RATINGS,
    SCOPES,
    STAFF_TYPES,
    AwardHeld,
    BallotFact,
    CollectiveFacts,
    DisciplineFact,
    Initiative,
    LeaveFact,
    MemberFacts,
    PersonFacts,
    UnitFacts,
    Usage,
    YearRecord,
    year_bounds,
    year_label,
    year_of,
)
from .registration import read_policy, read_registered
from .rulesets import DEFAULT_BOOK, REGIMES, RuleBook, regime_on

FORMAT = "thidua-eligibility/1"
RESULT_FORMAT = "thidua-eligibility-result/1"
MAX_ITEMS = 100_000
_YEAR_RE = re.compile(r"^(\d{4})-(\d{4})$")
_ID_MAX = 64


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message

    def as_dict(self) -> dict:
        return {"path": self.path, "message": self.message}


class InvalidDocument(ValueError):
    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(map(str, problems[:5])))
        self.problems = problems


class _Reader:
    """Reads a JSON value at a path, recording problems instead of raising."""

    def __init__(self, book: RuleBook):
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.book = book

    def err(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def obj(self, value: Any, path: str, allowed: set[str], required: set[str] = frozenset()) -> dict | None:
        if not isinstance(value, dict):
            self.err(path, f"expected an object, got {_kind(value)}")
            return None
        for key in sorted(set(value) - allowed):
            self.err(_join(path, key), f"unknown field (expected one of {', '.join(sorted(allowed))})")
        for key in sorted(required - set(value)):
            self.err(_join(path, key), "required field is missing")
        return value

    def array(self, value: Any, path: str) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            self.err(path, f"expected an array, got {_kind(value)}")
            return []
        if len(value) > MAX_ITEMS:
            self.err(path, f"too many items (at most {MAX_ITEMS})")
            return []
        return value

    def text(self, d: dict, key: str, path: str, default: str = "", max_len: int = 500) -> str:
        value = d.get(key, default)
        if value is None:
            return default
        if not isinstance(value, str):
            self.err(_join(path, key), f"expected a string, got {_kind(value)}")
            return default
        if len(value) > max_len:
            self.err(_join(path, key), f"too long (at most {max_len} characters)")
        return value

    def choice(self, d: dict, key: str, path: str, choices, default=None, required=False):
        value = d.get(key, default)
        if value is None:
            if required:
                self.err(_join(path, key), f"required; expected one of {', '.join(choices)}")
            return default
        if value not in choices:
            self.err(_join(path, key), f"expected one of {', '.join(choices)} (got {_show(value)})")
            return default
        return value

    def boolean(self, d: dict, key: str, path: str) -> bool | None:
        value = d.get(key)
        if value is None:
            return None
        if not isinstance(value, bool):
            self.err(_join(path, key), f"expected true, false or null, got {_kind(value)}")
            return None
        return value

    def date(self, d: dict, key: str, path: str, required: bool = False) -> dt.date | None:
        value = d.get(key)
        if value is None:
            if required:
                self.err(_join(path, key), "required; expected a date YYYY-MM-DD")
            return None
        if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            self.err(_join(path, key), f"expected a date YYYY-MM-DD, got {_show(value)}")
            return None
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            self.err(_join(path, key), f"impossible date {value}")
            return None
        if not dt.date(1900, 1, 1) <= day <= dt.date(2200, 12, 31):
            self.err(_join(path, key), f"date out of range: {value}")
            return None
        return day

    def year(self, d: dict, key: str, path: str, required: bool = True) -> int | None:
        value = d.get(key)
        if value is None:
            if required:
                self.err(_join(path, key), "required; expected a school year like 2024-2025")
            return None
        m = _YEAR_RE.match(value) if isinstance(value, str) else None
        if not m or int(m.group(2)) != int(m.group(1)) + 1 or not 1900 <= int(m.group(1)) <= 2200:
            self.err(_join(path, key), f"expected a school year like 2024-2025, got {_show(value)}")
            return None
        return int(m.group(1))

    def number(self, d: dict, key: str, path: str) -> Fraction | None:
        value = d.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.err(_join(path, key), f"expected a number, got {_kind(value)}")
            return None
        if value != value or value in (float("inf"), float("-inf")) or not 0 <= value <= 100:
            self.err(_join(path, key), f"expected a number of years between 0 and 100, got {_show(value)}")
            return None
        return Fraction(str(value))

    def count(self, d: dict, key: str, path: str) -> int | None:
        value = d.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_ITEMS:
            self.err(_join(path, key), f"expected a whole number between 0 and {MAX_ITEMS}, got {_show(value)}")
            return None
        return value

    def ident(self, d: dict, key: str, path: str) -> str:
        value = d.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip() or len(value) > _ID_MAX:
            self.err(_join(path, key), f"expected a non-empty string id (at most {_ID_MAX} characters)")
            return ""
        return value

    def code(self, d: dict, key: str, path: str, subject: str | None = None) -> str | None:
        value = d.get(key)
        if value not in self.book.codes:
            self.err(_join(path, key), f"unknown title or form {_show(value)}; expected one of {', '.join(self.book.codes)}")
            return None
        if subject and self.book.subject_of(value) != subject:
            self.err(_join(path, key), f"{value} is a {self.book.subject_of(value)} title, not {subject}")
            return None
        return value

    def period(self, start: dt.date | None, end: dt.date | None, path: str, end_key: str) -> None:
        if start and end and end < start:
            self.err(_join(path, end_key), f"ends ({end}) before it starts ({start})")


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _kind(value: Any) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}.get(type(value), "a number")


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f'"{value}"'
    return text if len(text) <= 60 else text[:57] + "..."


# -- parsing ----------------------------------------------------------------------------------------------------
TOP = {"format", "evaluation_date", "school_year", "titles", "policy", "persons", "collectives", "units"}
UNIT = {"unit", "ldtt_count", "cstdcs_decided"}
PERSON = {
    "id", "name", "unit", "gender", "staff_type", "service_start", "sector_start", "sector_years", "teaching_years", "hardship_years",
    "hardship_teaching_years", "in_hardship_area_now", "pending_investigation", "history", "awards", "initiatives", "disciplines",
    "leaves", "confirmed", "ballots", "registered",
}  # fmt: skip
COLLECTIVE = {
    "id",
    "name",
    "unit",
    "rating",
    "history",
    "awards",
    "members",
    "cluster_leader",
    "movement_leader",
    "women_share",
    "confirmed",
    "ballots",
    "registered",
}
AWARD = {"code", "school_year", "award_type", "decision_date", "period_start", "period_end", "decision_number", "revoked"}
INITIATIVE = {"id", "title", "scope", "kind", "school_year", "recognised_on", "used_for"}
BALLOT = {"code", "school_year", "total_members", "in_favour", "in_favour_written", "session_date"}
MAX_MEMBERS = 10_000


def parse_document(data: Any, *, book: RuleBook = DEFAULT_BOOK) -> Document:
    r = _Reader(book)
    top = r.obj(data, "", TOP, {"evaluation_date"})
    if top is None:
        raise InvalidDocument(r.problems)
    if "format" in top and top["format"] != FORMAT:
        r.err("format", f'expected "{FORMAT}" (got {_show(top["format"])})')
    day = r.date(top, "evaluation_date", "", required=True)
    if day is not None and regime_on(day) is None:
        first = REGIMES[0].effective_from
        r.err("evaluation_date", f"no rule set before {first.isoformat()} (regimes: {', '.join(x.code for x in REGIMES)})")
    year = r.year(top, "school_year", "", required=False)
    if year is None and day is not None and "school_year" not in top:
        year = year_of(day)
    if year is not None and day is not None and year_bounds(year)[0] > day:
        r.err("school_year", f"school year {year_label(year)} starts after the evaluation date {day.isoformat()}")
    codes = _codes(r, top.get("titles", "all"))
    policy = Policy()
    if "policy" in top:
        pol = r.obj(top["policy"], "policy", {"initiative_reuse_across_titles", "registration_required"})
        if pol is not None:
            reuse = r.boolean(pol, "initiative_reuse_across_titles", "policy")
            required = read_policy(r, pol.get("registration_required"), "policy.registration_required")
            policy = Policy(initiative_reuse_across_titles=True if reuse is None else reuse, registration_required=required)
    persons, seen = [], {}
    for i, item in enumerate(r.array(top.get("persons"), "persons")):
        path = f"persons[{i}]"
        person = _person(r, item, path, day)
        if person is None:
            continue
        if person.id in seen:
            r.err(_join(path, "id"), f'duplicate id "{person.id}" (also {seen[person.id]})')
        seen[person.id] = path
        persons.append(person)
    collectives, refs, cseen = [], {}, {}
    for i, item in enumerate(r.array(top.get("collectives"), "collectives")):
        path = f"collectives[{i}]"
        parsed = _collective(r, item, path, year, seen)
        if parsed is None:
            continue
        coll, member_refs = parsed
        if coll.id in cseen:
            r.err(_join(path, "id"), f'duplicate id "{coll.id}" (also {cseen[coll.id]})')
        cseen[coll.id] = path
        collectives.append(coll)
        refs[coll.id] = member_refs
    units = _units(r, top.get("units"))
    if r.problems:
        raise InvalidDocument(r.problems)
    return Document(day, year, codes, policy, tuple(persons), tuple(collectives), refs, tuple(r.warnings), units)


def _units(r: _Reader, items: Any) -> tuple[UnitFacts, ...]:
    out, seen = [], {}
    for i, item in enumerate(r.array(items, "units")):
        p = f"units[{i}]"
        d = r.obj(item, p, UNIT, UNIT)
        if d is None:
            continue
        uid = r.text(d, "unit", p, max_len=64)
        if not uid:
            r.err(_join(p, "unit"), "expected a non-empty unit code (the persons' unit)")
        elif uid in seen:
            r.err(_join(p, "unit"), f'duplicate unit "{uid}" (also {seen[uid]})')
        seen[uid] = p
        counts = [r.count(d, key, p) for key in ("ldtt_count", "cstdcs_decided")]
        if uid and None not in counts:
            out.append(UnitFacts(uid, *counts))
    return tuple(out)


def _codes(r: _Reader, value: Any) -> tuple[str, ...]:
    if value == "all":
        return r.book.codes
    if not isinstance(value, list) or not value:
        r.err("titles", f'expected "all" or a non-empty array of codes ({", ".join(r.book.codes)})')
        return ()
    out = []
    for i, code in enumerate(value):
        if code not in r.book.codes:
            r.err(f"titles[{i}]", f"unknown title or form {_show(code)}; expected one of {', '.join(r.book.codes)}")
        elif code not in out:
            out.append(code)
    return tuple(out)


def _history(r: _Reader, items: Any, path: str) -> tuple[YearRecord, ...]:
    out, seen = [], {}
    for i, item in enumerate(r.array(items, path)):
        p = f"{path}[{i}]"
        d = r.obj(item, p, {"school_year", "rating"}, {"school_year"})
        if d is None:
            continue
        year = r.year(d, "school_year", p)
        rating = r.choice(d, "rating", p, RATINGS)
        if year is None:
            continue
        if year in seen:
            r.err(_join(p, "school_year"), f"contradictory: school year {year_label(year)} already given at {seen[year]}")
            continue
        seen[year] = p
        out.append(YearRecord(year, rating))
    return tuple(out)


def _awards(r: _Reader, items: Any, path: str, subject: str, day: dt.date | None) -> tuple[AwardHeld, ...]:
    out = []
    for i, item in enumerate(r.array(items, path)):
        p = f"{path}[{i}]"
        d = r.obj(item, p, AWARD, {"code", "school_year"})
        if d is None:
            continue
        code = r.code(d, "code", p, subject)
        year = r.year(d, "school_year", p)
        award_type = r.choice(d, "award_type", p, AWARD_TYPES, "annual")
        decided = r.date(d, "decision_date", p)
        start, end = r.date(d, "period_start", p), r.date(d, "period_end", p)
        r.period(start, end, p, "period_end")
        if decided and start and decided < start:
            r.err(_join(p, "decision_date"), f"contradictory: decided ({decided}) before the achievement period starts ({start})")
        revoked = r.boolean(d, "revoked", p) or False
        number = r.text(d, "decision_number", p, max_len=64)
        if code and year is not None:
            out.append(AwardHeld(code, year, award_type, decided, start, end, number, revoked))
    return tuple(out)


def _count(r: _Reader, d: dict, key: str, path: str, *, required: bool, minimum: int = 0) -> int | None:
    value = d.get(key)
    if value is None:
        if required:
            r.err(_join(path, key), "required field is missing")
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= MAX_MEMBERS:
        r.err(_join(path, key), f"expected a whole number between {minimum} and {MAX_MEMBERS}, got {_show(value)}")
        return None
    return value


def _ballots(r: _Reader, items: Any, path: str, subject: str, day: dt.date | None) -> tuple[BallotFact, ...]:
    """The council's secret ballots (NĐ 98/2023 Điều 30.7): one per title and school year."""
    out, seen = [], {}
    for i, item in enumerate(r.array(items, path)):
        p = f"{path}[{i}]"
        d = r.obj(item, p, BALLOT, {"code", "school_year", "total_members", "in_favour", "session_date"})
        if d is None:
            continue
        code = r.code(d, "code", p, subject)
        year = r.year(d, "school_year", p)
        total = _count(r, d, "total_members", p, required=True, minimum=1)
        present = _count(r, d, "in_favour", p, required=True)
        written = _count(r, d, "in_favour_written", p, required=False)
        session = r.date(d, "session_date", p, required=True)
        if total is not None and present is not None and present + (written or 0) > total:
            r.err(_join(p, "in_favour"), f"contradictory: {present + (written or 0)} in favour of a council of {total} members")
            continue
        if session is not None and year is not None and session < year_bounds(year)[0]:
            r.err(_join(p, "session_date"), f"contradictory: the session ({session}) is before the school year {year_label(year)} starts")
            continue
        if code is None or year is None or total is None or present is None or session is None:
            continue
        if (code, year) in seen:
            r.err(p, f"contradictory: a ballot on {code} for {year_label(year)} is already given at {seen[code, year]}")
            continue
        seen[code, year] = p
        out.append(BallotFact(code, year, total, present, written or 0, session))
    return tuple(out)


def _confirmed(r: _Reader, value: Any, path: str) -> dict[str, bool]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        r.err(path, f"expected an object of true/false values, got {_kind(value)}")
        return {}
    out = {}
    for key, v in value.items():
        if v is None:
            continue
        if not isinstance(v, bool):
            r.err(_join(path, key), f"expected true, false or null, got {_kind(v)}")
        else:
            out[str(key)[:64]] = v
    return out


def _person(r: _Reader, item: Any, path: str, day: dt.date | None) -> PersonFacts | None:
    d = r.obj(item, path, PERSON, {"id"})
    if d is None:
        return None
    pid = r.ident(d, "id", path)
    service_start, sector_start = r.date(d, "service_start", path), r.date(d, "sector_start", path)
    for key, value in (("service_start", service_start), ("sector_start", sector_start)):
        if value and day and value > day:
            r.err(_join(path, key), f"after the evaluation date ({value} > {day})")
    teaching, hard_teaching = r.number(d, "teaching_years", path), r.number(d, "hardship_teaching_years", path)
    if teaching is not None and hard_teaching is not None and hard_teaching > teaching:
        r.err(_join(path, "hardship_teaching_years"), "contradictory: more than teaching_years")
    initiatives, iseen = [], set()
    for i, item in enumerate(r.array(d.get("initiatives"), _join(path, "initiatives"))):
        p = f"{path}.initiatives[{i}]"
        x = r.obj(item, p, INITIATIVE, {"id", "scope", "school_year"})
        if x is None:
            continue
        iid = r.ident(x, "id", p)
        if iid in iseen:
            r.err(_join(p, "id"), f'duplicate initiative id "{iid}"')
        iseen.add(iid)
        scope = r.choice(x, "scope", p, SCOPES, required=True)
        kind = r.choice(x, "kind", p, INITIATIVE_KINDS, "initiative")
        year = r.year(x, "school_year", p)
        recognised = r.date(x, "recognised_on", p)
        used = []
        for j, u in enumerate(r.array(x.get("used_for"), _join(p, "used_for"))):
            up = f"{p}.used_for[{j}]"
            ud = r.obj(u, up, {"code", "school_year"}, {"code"})
            if ud is not None and (code := r.code(ud, "code", up)):
                used.append(Usage(code, r.year(ud, "school_year", up, required=False)))
        if iid and scope and year is not None:
            initiatives.append(Initiative(iid, scope, year, kind, r.text(x, "title", p), recognised, tuple(used)))
    disciplines = []
    for i, item in enumerate(r.array(d.get("disciplines"), _join(path, "disciplines"))):
        p = f"{path}.disciplines[{i}]"
        x = r.obj(item, p, {"form", "status", "start_date", "end_date", "decision_date"}, {"form", "start_date"})
        if x is None:
            continue
        form = r.choice(x, "form", p, DISCIPLINE_FORMS, required=True)
        status = r.choice(x, "status", p, DISCIPLINE_STATUSES, "in_effect")
        start, end = r.date(x, "start_date", p, required=True), r.date(x, "end_date", p)
        r.date(x, "decision_date", p)
        r.period(start, end, p, "end_date")
        if form and start:
            disciplines.append(DisciplineFact(form, status, start, end))
    leaves = []
    for i, item in enumerate(r.array(d.get("leaves"), _join(path, "leaves"))):
        p = f"{path}.leaves[{i}]"
        x = r.obj(item, p, {"kind", "start_date", "end_date"}, {"kind", "start_date", "end_date"})
        if x is None:
            continue
        kind = r.choice(x, "kind", p, LEAVE_KINDS, required=True)
        start, end = r.date(x, "start_date", p, required=True), r.date(x, "end_date", p, required=True)
        r.period(start, end, p, "end_date")
        if kind and start and end and end >= start:
            leaves.append(LeaveFact(kind, start, end))
    return PersonFacts(
        id=pid,
        name=r.text(d, "name", path, max_len=200),
        unit=r.text(d, "unit", path, max_len=64),
        gender=r.choice(d, "gender", path, GENDERS),
        staff_type=r.choice(d, "staff_type", path, STAFF_TYPES),
        service_start=service_start,
        sector_start=sector_start,
        sector_years=r.number(d, "sector_years", path),
        teaching_years=teaching,
        hardship_years=r.number(d, "hardship_years", path),
        hardship_teaching_years=hard_teaching,
        in_hardship_area_now=r.boolean(d, "in_hardship_area_now", path),
        pending_investigation=r.boolean(d, "pending_investigation", path),
        history=_history(r, d.get("history"), _join(path, "history")),
        awards=_awards(r, d.get("awards"), _join(path, "awards"), "individual", day),
        initiatives=tuple(initiatives),
        disciplines=tuple(disciplines),
        leaves=tuple(leaves),
        confirmed=_confirmed(r, d.get("confirmed"), _join(path, "confirmed")),
        ballots=_ballots(r, d.get("ballots"), _join(path, "ballots"), "individual", day),
        registered=read_registered(r, d.get("registered"), _join(path, "registered"), "individual"),
    )


def _collective(r: _Reader, item: Any, path: str, year: int | None, persons: dict[str, str]):
    d = r.obj(item, path, COLLECTIVE, {"id"})
    if d is None:
        return None
    history = list(_history(r, d.get("history"), _join(path, "history")))
    rating = r.choice(d, "rating", path, RATINGS)
    if rating is not None and year is not None:
        given = next((h for h in history if h.year == year), None)
        if given is not None and given.rating != rating:
            r.err(_join(path, "rating"), f"contradictory: history gives {given.rating} for {year_label(year)}")
        elif given is None:
            history.append(YearRecord(year, rating))
    members, refs = None, []
    if d.get("members") is not None:
        members = []
        for i, item in enumerate(r.array(d.get("members"), _join(path, "members"))):
            p = f"{path}.members[{i}]"
            if isinstance(item, dict) and "person" in item:
                x = r.obj(item, p, {"person"}, {"person"})
                ref = x and r.ident(x, "person", p)
                if ref and ref not in persons:
                    r.err(_join(p, "person"), f'no person with id "{ref}" in this document')
                elif ref:
                    refs.append((i, ref))
                    members.append(None)
                continue
            x = r.obj(item, p, {"id", "titles", "rating", "disciplines"}, {"id"})
            if x is None:
                continue
            titles = set()
            for j, code in enumerate(r.array(x.get("titles"), _join(p, "titles"))):
                if code not in r.book.codes or r.book.subject_of(code) != "individual":
                    r.err(f"{p}.titles[{j}]", f"unknown individual title {_show(code)}")
                else:
                    titles.add(code)
            forms = []
            for j, form in enumerate(r.array(x.get("disciplines"), _join(p, "disciplines"))):
                if form not in DISCIPLINE_FORMS:
                    r.err(f"{p}.disciplines[{j}]", f"expected one of {', '.join(DISCIPLINE_FORMS)} (got {_show(form)})")
                else:
                    forms.append(form)
            members.append(MemberFacts(r.ident(x, "id", p), frozenset(titles), r.choice(x, "rating", p, RATINGS), tuple(forms)))
    women = r.number(d, "women_share", path)
    if women is not None and women > 1:
        r.err(_join(path, "women_share"), "expected a fraction between 0 and 1")
    coll = CollectiveFacts(
        id=r.ident(d, "id", path),
        name=r.text(d, "name", path, max_len=200),
        unit=r.text(d, "unit", path, max_len=64),
        history=tuple(history),
        awards=_awards(r, d.get("awards"), _join(path, "awards"), "collective", None),
        members=tuple(members) if members is not None else None,  # type: ignore[arg-type]
        cluster_leader=r.boolean(d, "cluster_leader", path),
        movement_leader=r.boolean(d, "movement_leader", path),
        women_share=women,
        confirmed=_confirmed(r, d.get("confirmed"), _join(path, "confirmed")),
        ballots=_ballots(r, d.get("ballots"), _join(path, "ballots"), "collective", None),
        registered=read_registered(r, d.get("registered"), _join(path, "registered"), "collective"),
    )
    return coll, tuple(refs)


# -- evaluation: the JSON edge --------------------------------------------------------------------------------
def evaluate_document(data: Any, *, book: RuleBook = DEFAULT_BOOK) -> dict:
    """Parse, check and evaluate a document; raises ``InvalidDocument`` with every problem's path."""
    doc = parse_document(data, book=book)
    return evaluate_facts(doc, book=book)


def evaluate_facts(doc: Document, *, book: RuleBook = DEFAULT_BOOK) -> dict:
    """The result document (``RESULT_FORMAT``) of ``evaluation.evaluate_outcomes``."""
    return evaluation_to_json(evaluate_outcomes(doc, book=book))


def evaluation_to_json(result: Evaluation) -> dict:
    """The answer of the API and of ``manage.py eligibility`` (docs/eligibility-format.md, RESULT_FORMAT)."""
    doc = result.document
    regime = regime_on(doc.day)
    return {
        "format": RESULT_FORMAT,
        "evaluation_date": doc.day.isoformat(),
        "school_year": year_label(doc.year),
        "regime": {"code": regime.code, "name": regime.name} if regime else None,
        "persons": [e.as_dict() for e in result.persons],
        "collectives": [e.as_dict() for e in result.collectives],
        "units": result.units,
        "warnings": [w.as_dict() for w in doc.warnings],
    }
