"""Individual titles and forms (DOMAIN §4, §6) per regime, in the rule book's order: the emulation titles
(``emulation``), the forms of commendation (``commendations``), the education sector's honours (``teachers``)."""

from __future__ import annotations

from ..criteria import Rule
from . import commendations, emulation, teachers

RULES: tuple[Rule, ...] = (*emulation.RULES, *commendations.RULES, *teachers.RULES)
