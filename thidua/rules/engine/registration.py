"""The registration criterion (đăng ký thi đua đầu năm học; design note movements.md §3): pure, no Django.

A title counts as registered when its code, or a higher rung of its ladder (``rulesets.LADDERS``: registering
for CSTĐCS covers LĐTT), was approved for the school year. Whether a missing registration disqualifies is a
policy per regime and unit (DOMAIN §8.1 leaves it open, ❓): by default the criterion is shown and never changes
the verdict (``decisive`` is then always False).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .rulesets import LADDERS


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
