"""Whether a missing registration (đăng ký thi đua) disqualifies: data, in ``settings.THIDUA_REGISTRATION_REQUIRED``
(decision 0017). DOMAIN §8.1 leaves it open (❓), so the default is "shown, not required" (an empty list).

Each entry names a regime (its code, or ``"*"``), a unit (its code, or ``"*"``: everywhere) and ``required``; an entry
covers the unit's whole subtree, and the most specific unit wins (``engine.registration.RegistrationPolicy``)::

    THIDUA_REGISTRATION_REQUIRED = [
        {"regime": "*", "unit": "SGD_X", "required": True},      # the whole Sở …
        {"regime": "*", "unit": "TH_Y", "required": False},      # … but not this school
    ]

The engine is given the (regime, unit code) pairs that result for the units a document's subjects work in
(``Policy.registration_required``): nothing when nothing is required, so the default costs no query.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.conf import settings

from thidua.org.models import OrgUnit

from .engine.criteria import Policy
from .engine.regimes import REGIMES
from .engine.registration import RegistrationPolicy


def configured() -> RegistrationPolicy:
    """The policy of the settings (one query when an entry names a unit)."""
    entries = list(getattr(settings, "THIDUA_REGISTRATION_REQUIRED", None) or [])
    if not entries:
        return RegistrationPolicy()
    codes = {e["unit"] for e in entries if e.get("unit", "*") != "*"}
    paths = dict(OrgUnit.objects.filter(code__in=codes).values_list("code", "path")) if codes else {}
    required_by = {}
    for e in entries:
        unit = e.get("unit", "*")
        if unit != "*" and unit not in paths:
            continue  # a unit that does not exist (any more) covers nobody
        required_by[(e.get("regime", "*"), "" if unit == "*" else paths[unit])] = bool(e.get("required", True))
    return RegistrationPolicy(required_by=required_by)


def policy_for(units: Mapping[str, str] | None = None, *, unit_codes: Iterable[str] = ()) -> Policy:
    """The engine's policy for a document whose subjects work in ``units`` (code → path), or in ``unit_codes``
    (their paths read in one query, only when something is required)."""
    rules = configured()
    if not any((rules.required_by or {}).values()):
        return Policy()
    if units is None:
        units = dict(OrgUnit.objects.filter(code__in=set(unit_codes)).values_list("code", "path"))
    return Policy(registration_required=rules.pairs([r.code for r in REGIMES], units))
