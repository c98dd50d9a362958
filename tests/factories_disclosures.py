"""Disclosures for tests, made through the services (with their audit rows)."""

from __future__ import annotations


def disclosure_of_school_a(world, *, public: bool = True, days: int = 5):
    """School A's round with teacher_a's LĐTT line, disclosed (public by default)."""
    from tests.factories_nominations import line_of_teacher_a
    from thidua.disclosures import services
    from thidua.disclosures.models import Disclosure

    line = line_of_teacher_a(world)
    found = Disclosure.objects.filter(round=line.round).first()
    if found is not None:
        return found
    return services.disclosure_publish(actor=world.officer_school_a, round_=line.round, days=days, public=public)


def objection_of_teacher_a(world):
    from thidua.disclosures import services
    from thidua.disclosures.models import Remark

    disclosure = disclosure_of_school_a(world)
    found = Remark.objects.filter(disclosure=disclosure, kind="objection").first()
    if found is not None:
        return found
    entry = disclosure.entries.get()
    return services.remark_add(
        actor=world.teacher_a, disclosure=disclosure, kind="objection", text="Tôi xin phản ánh về hồ sơ", entry=entry
    )
