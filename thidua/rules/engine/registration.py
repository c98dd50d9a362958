"""The registration criterion (đăng ký thi đua đầu năm học; design note movements.md §3): pure, no Django.

A title counts as registered when its code, or a higher rung of its ladder (``rulesets.LADDERS``: registering
for CSTĐCS covers LĐTT), was approved for the school year. Whether a missing registration disqualifies is a
policy per regime and unit (DOMAIN §8.1 leaves it open, ❓): by default the criterion is shown and never changes
the verdict (``decisive`` is then always False).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .rulesets import LADDERS, REGISTRABLE

__all__ = ["REGISTRABLE", "RegistrationCheck", "RegistrationPolicy", "registration_check"]


@dataclass(frozen=True)
class RegistrationPolicy:
    """``required`` per (regime code, unit path prefix): the most specific prefix wins; default "shown, not required"."""

    required_by: Mapping[tuple[str, str], bool] | None = None

    def required(self, *, regime: str, unit_path: str) -> bool:
        best, answer = -1, False
        for (reg, prefix), value in (self.required_by or {}).items():
            if reg in (regime, "*") and unit_path.startswith(prefix) and len(prefix) > best:
                best, answer = len(prefix), value
        return answer

    def pairs(self, regimes: Iterable[str], units: Mapping[str, str]) -> frozenset[tuple[str, str]]:
        """The engine's ``Policy.registration_required`` for a document: the (regime, unit code) pairs where a
        registration is required, for the units (code → path) its subjects work in. Empty when nothing is required,
        which keeps the default evaluation free of any read of the unit."""
        if not any((self.required_by or {}).values()):
            return frozenset()
        return frozenset((r, code) for r in regimes for code, path in units.items() if self.required(regime=r, unit_path=path))


@dataclass(frozen=True)
class RegistrationCheck:
    code: str
    met: bool
    via: str | None  # the registered code that covers ``code`` (itself or a higher rung), None when not met
    required: bool

    @property
    def decisive(self) -> bool:
        """Only a required registration that is missing changes the verdict."""
        return self.required and not self.met


def _covering(code: str) -> tuple[str, ...]:
    for ladder in LADDERS:
        if code in ladder:
            return ladder[ladder.index(code) :]
    return (code,)


def registration_check(registered: Iterable[str], code: str, *, required: bool = False) -> RegistrationCheck:
    held = frozenset(registered)
    via = next((c for c in _covering(code) if c in held), None)
    return RegistrationCheck(code=code, met=via is not None, via=via, required=required)


REGISTERED_ITEM = {"code", "approved_on"}


def read_registered(r, items, path: str, subject: str) -> tuple:
    """The JSON ``registered`` of a person or collective (``jsonio``): the approved registrations for the document's
    school year, ``[{"code": "CSTDCS", "approved_on": "2026-09-20"}]`` (``approved_on`` optional). A document
    written before the field existed has none: every registration criterion then reads "chưa đăng ký"."""
    from .facts import RegistrationFact

    out, seen = [], set()
    for i, item in enumerate(r.array(items, path)):
        p = f"{path}[{i}]"
        d = r.obj(item, p, REGISTERED_ITEM, {"code"})
        if d is None:
            continue
        code = r.code(d, "code", p, subject)
        approved = r.date(d, "approved_on", p)
        if code is None:
            continue
        if code in seen:
            r.err(_join(p, "code"), f"{code} is already registered")
            continue
        seen.add(code)
        out.append(RegistrationFact(code, approved))
    return tuple(out)


def registered_to_json(registered) -> list[dict] | None:
    return [{"code": x.code, **({"approved_on": x.approved_on.isoformat()} if x.approved_on else {})} for x in registered] or None


def _join(path: str, key: str) -> str:
    return f"{path}.{key}"


def read_policy(r, items, path: str) -> frozenset[tuple[str, str]]:
    """The JSON ``policy.registration_required``: ``[{"regime": <regime code>, "unit": <unit code>}]`` ("*": any)."""
    from .regimes import REGIMES

    codes = ("*", *(g.code for g in REGIMES))
    out = set()
    for i, item in enumerate(r.array(items, path)):
        p = f"{path}[{i}]"
        d = r.obj(item, p, {"regime", "unit"}, {"regime", "unit"})
        if d is None:
            continue
        regime, unit = r.choice(d, "regime", p, codes, required=True), r.text(d, "unit", p, max_len=64)
        if regime and unit:
            out.add((regime, unit))
    return frozenset(out)
