"""A ``Document`` written back as a JSON input document (docs/eligibility-format.md, FORMAT).

``parse_document(document_to_json(doc))`` gives the same facts back, so the database path can be replayed
through ``manage.py eligibility`` or the API (the consistency test does exactly that), and an officer can
download the facts behind an answer. Numbers of years are written as JSON numbers: exact for the database
path, which keeps them in hundredths of a year.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from .facts import AwardHeld, BallotFact, CollectiveFacts, MemberFacts, PersonFacts, year_label
from .jsonio import FORMAT, Document
from .registration import registered_to_json


def _date(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _number(value: Fraction | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value.denominator == 1 else float(value)


def _drop_none(d: dict) -> dict:
    return {k: v for k, v in d.items() if v is not None}


def _award(a: AwardHeld) -> dict:
    return _drop_none(
        {
            "code": a.code,
            "school_year": year_label(a.year),
            "award_type": a.award_type,
            "decision_date": _date(a.decision_date),
            "period_start": _date(a.period_start),
            "period_end": _date(a.period_end),
            "decision_number": a.decision_number or None,
            "revoked": a.revoked,
        }
    )


def _ballot(b: BallotFact) -> dict:
    return {
        "code": b.code,
        "school_year": year_label(b.year),
        "total_members": b.total_members,
        "in_favour": b.in_favour,
        "in_favour_written": b.in_favour_written,
        "session_date": _date(b.session_date),
    }


def _history(records) -> list[dict]:
    return [_drop_none({"school_year": year_label(r.year), "rating": r.rating}) for r in records]


def person_to_json(p: PersonFacts) -> dict:
    return _drop_none(
        {
            "id": p.id,
            "name": p.name,
            "unit": p.unit,
            "gender": p.gender,
            "staff_type": p.staff_type,
            "service_start": _date(p.service_start),
            "sector_start": _date(p.sector_start),
            "sector_years": _number(p.sector_years),
            "teaching_years": _number(p.teaching_years),
            "hardship_years": _number(p.hardship_years),
            "hardship_teaching_years": _number(p.hardship_teaching_years),
            "in_hardship_area_now": p.in_hardship_area_now,
            "pending_investigation": p.pending_investigation,
            "history": _history(p.history),
            "awards": [_award(a) for a in p.awards],
            "initiatives": [
                _drop_none(
                    {
                        "id": i.id,
                        "title": i.title,
                        "scope": i.scope,
                        "kind": i.kind,
                        "school_year": year_label(i.year),
                        "recognised_on": _date(i.recognised_on),
                        "used_for": [
                            _drop_none({"code": u.code, "school_year": year_label(u.year) if u.year is not None else None})
                            for u in i.used_for
                        ],
                    }
                )
                for i in p.initiatives
            ],
            "disciplines": [
                _drop_none({"form": d.form, "status": d.status, "start_date": _date(d.start), "end_date": _date(d.end)})
                for d in p.disciplines
            ],
            "leaves": [{"kind": x.kind, "start_date": _date(x.start), "end_date": _date(x.end)} for x in p.leaves],
            "confirmed": dict(p.confirmed),
            "ballots": [_ballot(b) for b in p.ballots] or None,
            "registered": registered_to_json(p.registered),
        }
    )


def _member(m: MemberFacts) -> dict:
    return _drop_none({"id": m.id, "titles": sorted(m.titles), "rating": m.rating, "disciplines": list(m.disciplines)})


def collective_to_json(c: CollectiveFacts, refs: tuple[tuple[int, str], ...] = ()) -> dict:
    members = None
    if c.members is not None:
        by_index = dict(refs)
        members = [{"person": by_index[i]} if i in by_index else _member(m) for i, m in enumerate(c.members)]
    return _drop_none(
        {
            "id": c.id,
            "name": c.name,
            "unit": c.unit,
            "history": _history(c.history),
            "awards": [_award(a) for a in c.awards],
            "members": members,
            "cluster_leader": c.cluster_leader,
            "movement_leader": c.movement_leader,
            "women_share": _number(c.women_share),
            "confirmed": dict(c.confirmed),
            "ballots": [_ballot(b) for b in c.ballots] or None,
            "registered": registered_to_json(c.registered),
        }
    )


def document_to_json(doc: Document) -> dict:
    """The input document that ``parse_document`` reads back into ``doc`` (warnings are not carried)."""
    out = {
        "format": FORMAT,
        "evaluation_date": doc.day.isoformat(),
        "school_year": year_label(doc.year),
        "titles": list(doc.codes),
        "policy": {"initiative_reuse_across_titles": doc.policy.initiative_reuse_across_titles},
        "persons": [person_to_json(p) for p in doc.persons],
        "collectives": [collective_to_json(c, doc.member_refs.get(c.id, ())) for c in doc.collectives],
    }
    if doc.policy.registration_required:  # written only when set: the default reads back without it
        out["policy"]["registration_required"] = [{"regime": g, "unit": u} for g, u in sorted(doc.policy.registration_required)]
    if doc.units:  # written only when known: a document without them reads back without them
        out["units"] = [{"unit": u.id, "ldtt_count": u.ldtt_count, "cstdcs_decided": u.cstdcs_decided} for u in doc.units]
    return out
