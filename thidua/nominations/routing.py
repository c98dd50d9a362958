"""The authority resolver (design note nominations.md §5): for a title or form, a subject and a day, which unit
grants it, which unit submits it and the chain in between.

``resolve`` is pure: it reads ``awards/authority.py`` (the one table of who may grant what) and a chain of
units given as plain values — the subject's unit and its ancestors **as they stood on the day** (the tree's
placements), nearest first. ``chain_on`` / ``route_for`` are the database side (one query for the placement,
one for the units).

The rules, in order:

1. A person starts at the unit they worked in on the day; a collective at its **parent** (a unit never awards
   itself).
2. A line of a movement's round: if the launcher is in the chain and may grant the kind on the day, the launcher
   grants ("cấp nào phát động thì cấp đó khen thưởng", DOMAIN §6.4 ⚠️/❓). Otherwise the route goes on and is
   flagged ``launcher_lacks_authority``.
3. Else the nearest unit of the chain that may grant the kind ("cấp nào quản lý thì cấp đó khen thưởng", ❓),
   with one narrowing of the authority table: a school's principal grants only the Giấy khen (TT 29/2023
   Điều 11) unless the school stands directly under the Ministry (Luật 2022 Điều 80 khoản 1: heads of units
   under a ministry). So a THCS teacher's CSTĐCS goes to the district office until 30/06/2025 and to the
   commune from 01/07/2025 (NĐ 129/2025 Điều 59 ✅); a THPT teacher's to the Sở; a university's staff's to
   the Ministry. ``awards/authority.py`` still lets a principal *record* these (⚠️, for history and imports);
   the route is what a new proposal follows.
4. Deciders outside the tree (Chủ tịch UBND tỉnh, Thủ tướng, Chủ tịch nước) are the authority text of the
   table line; the granting unit is the tree node that files the decision (the Sở, the Ministry).
5. The submitting unit is the one just below the granting unit in the chain (it forwards the dossier and its
   council votes, NĐ 98/2023 Điều 30 khoản 7); when the granting unit is the start, it submits to itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from thidua.awards import authority

GIAY_KHEN = frozenset({"GK", "GK_TT"})
MINISTRY = "ministry"


@dataclass(frozen=True)
class ChainUnit:
    """A unit as the resolver sees it: its id and name, its kind's code, legal personality, school or not."""

    id: int
    name: str
    kind: str
    legal_entity: bool = True
    is_school: bool = False


@dataclass(frozen=True)
class Route:
    kind_code: str
    day: dt.date
    granting: ChainUnit | None  # the tree unit deciding (or filing the decision of an authority outside the tree)
    submitting: ChainUnit | None  # the unit that sends the proposal to the granting unit
    chain: tuple[ChainUnit, ...]  # from the start unit up to the granting unit, inclusive
    authority: str = ""  # who signs, as the decision names them
    citation: str = ""
    tag: str = ""  # ✅ ⚠️ ❓
    note: str = ""  # the table line's route: who proposes, who reviews, where it is filed
    by_launcher: bool = False
    flags: tuple[str, ...] = ()

    @property
    def resolved(self) -> bool:
        return self.granting is not None

    def as_dict(self) -> dict:
        def unit(u: ChainUnit | None):
            return None if u is None else {"id": u.id, "name": u.name, "kind": u.kind}

        return {
            "kind_code": self.kind_code,
            "day": self.day.isoformat(),
            "granting": unit(self.granting),
            "submitting": unit(self.submitting),
            "chain": [unit(u) for u in self.chain],
            "authority": self.authority,
            "citation": self.citation,
            "tag": self.tag,
            "note": self.note,
            "by_launcher": self.by_launcher,
            "flags": list(self.flags),
        }


def _grant(code: str, unit: ChainUnit, day: dt.date) -> authority.Grant | None:
    return authority.authority_for(code=code, issuer_kind=unit.kind, legal_entity=unit.legal_entity, day=day)


def _manages(code: str, unit: ChainUnit, above: ChainUnit | None) -> bool:
    """The narrowing of rule 3: a school grants the Giấy khen, and the grassroots titles only under the Ministry."""
    if not unit.is_school or code in GIAY_KHEN:
        return True
    return above is not None and above.kind == MINISTRY


def resolve(*, kind_code: str, chain: tuple[ChainUnit, ...] | list[ChainUnit], day: dt.date, launcher: ChainUnit | None = None) -> Route:
    """Who grants ``kind_code`` on ``day`` to a subject whose start unit and ancestors on that day are ``chain``
    (nearest first); ``launcher``: the movement's launcher when the line belongs to a movement's round."""
    chain = tuple(chain)
    flags: list[str] = []
    found: tuple[int, authority.Grant] | None = None
    by_launcher = False
    if launcher is not None:
        at = next((i for i, u in enumerate(chain) if u.id == launcher.id), None)
        grant = _grant(kind_code, chain[at], day) if at is not None else None
        if grant is not None:
            found, by_launcher = (at, grant), True
        else:
            flags.append("launcher_lacks_authority")
    if found is None:
        for i, unit in enumerate(chain):
            above = chain[i + 1] if i + 1 < len(chain) else None
            grant = _grant(kind_code, unit, day)
            if grant is not None and _manages(kind_code, unit, above):
                found = (i, grant)
                break
    if found is None:
        return Route(kind_code, day, None, None, chain, flags=(*flags, "no_authority"))
    at, grant = found
    submitting = chain[at - 1] if at > 0 else chain[at]
    return Route(
        kind_code,
        day,
        chain[at],
        submitting,
        chain[: at + 1],
        authority=grant.authority,
        citation=grant.citation,
        tag=grant.status_tag,
        note=grant.route,
        by_launcher=by_launcher,
        flags=tuple(flags),
    )


# -- the database side ---------------------------------------------------------------------------------------
def _segments(path: str) -> list[int]:
    from thidua.org.models import SEGMENT

    return [int(path[i : i + SEGMENT], 36) for i in range(0, len(path), SEGMENT)]


def chain_on(unit, day: dt.date, *, skip_self: bool = False) -> tuple[ChainUnit, ...]:
    """``unit`` and its ancestors as placed on ``day``, nearest first (two queries); today's path when the unit has
    no placement that day."""
    from thidua.org.models import OrgUnit, UnitPlacement

    placement = UnitPlacement.objects.filter(unit=unit, valid_from__lte=day).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day)).first()
    ids = list(reversed(_segments(placement.path if placement else unit.path)))
    if skip_self:
        ids = ids[1:]
    units = {u.pk: u for u in OrgUnit.objects.filter(pk__in=ids).select_related("kind")}
    return tuple(
        ChainUnit(u.pk, u.name, u.kind.code, u.kind.legal_entity, u.kind.is_school) for u in (units.get(i) for i in ids) if u is not None
    )


def unit_of_person_on(person, day: dt.date):
    """The unit a person worked in on ``day`` (the latest employment started by then), else their current unit."""
    from thidua.people.models import Employment

    job = (
        Employment.objects.filter(person=person, start_date__lte=day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .select_related("unit")
        .order_by("-start_date", "-id")
        .first()
    )
    return job.unit if job else person.current_unit


def chain_unit(unit) -> ChainUnit:
    return ChainUnit(unit.pk, unit.name, unit.kind.code, unit.kind.legal_entity, unit.kind.is_school)


def route_for(*, kind_code: str, day: dt.date, person=None, unit=None, movement=None) -> Route:
    """The route of a title for a person or a collective on ``day``; ``movement``: the round's movement."""
    if person is not None:
        start = unit_of_person_on(person, day)
        chain = chain_on(start, day) if start is not None else ()
    else:
        chain = chain_on(unit, day, skip_self=True)
    launcher = chain_unit(movement.launcher) if movement is not None else None
    return resolve(kind_code=kind_code, chain=chain, day=day, launcher=launcher)
