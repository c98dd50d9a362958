"""Review rounds for tests, made through the services (with their audit rows)."""

from __future__ import annotations

from thidua.years.models import SchoolYear

YEAR = "2025-2026"


def year(code: str = YEAR) -> SchoolYear:
    return SchoolYear.objects.get(code=code)


def round_of_school_a(world, *, open_: bool = True, code: str = YEAR):
    """School A's year-end round (open by default)."""
    from thidua.nominations import services
    from thidua.nominations.models import ReviewRound

    found = ReviewRound.objects.filter(unit=world.school_a, school_year__code=code, kind="year_end").exclude(status="cancelled").first()
    if found is not None:
        return found
    round_ = services.round_create(actor=world.admin, unit=world.school_a, school_year=year(code), kind="year_end")
    if open_:
        round_ = services.round_open(actor=world.admin, round_=round_)
    return round_


def line_of_teacher_a(world, *, code: str = "LDTT"):
    """teacher_a's own line (person_a) in school A's open round, from the engine's suggestions."""
    from thidua.nominations import services
    from thidua.nominations.models import NominationLine

    round_ = round_of_school_a(world)
    found = NominationLine.objects.filter(round=round_, person=world.person_a, kind_code=code, state__in=["proposed", "on_agenda"]).first()
    if found is not None:
        return found
    return services.lines_from_suggestions(actor=world.admin, round_=round_, keys=[f"p{world.person_a.pk}:{code}"])[0]
