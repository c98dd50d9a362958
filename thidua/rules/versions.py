"""The data version of the eligibility facts: one counter per unit, bumped by every audited change.

Every change of a fact the engine reads goes through a service, and every service writes its audit row through
``audit.recorder.record`` inside its transaction (tests/test_writes_audited.py). The recorder calls
``bump_for_event``, which adds one to the counter of the unit the change belongs to and of every unit the people
it is about ever worked in (a decision: its recipients and collectives; an initiative: its authors), since the
change may be filed outside the tree of a school they worked in (a former Phòng, the school they moved to).
``snapshots.data_version`` reads the counters of every unit a table's facts can come from; a counter only grows,
so an unchanged set of counters means unchanged facts.

Counters, not the largest audit id: ids are handed out before commit, so a change committed after a later one
would hide behind it; a counter is incremented under its row lock and read in the same snapshot as the facts.
"""

from __future__ import annotations

from django.db import connection

from .models import EligibilityVersion

GLOBAL = 0  # the scope of changes that belong to no unit (the catalogue, school years, configuration)

# Verbs that change nothing the engine reads (accounts, roles, tokens, kept documents, the request to import: the import's own
# writes are audited with the services' verbs; review rounds and their lines: the council's results reach the
# engine through the rules app's confirmation services).
_IRRELEVANT_PREFIXES = (
    "account.",
    "api_token.",
    "role.",
    "totp.",
    "admin.user.",
    "review_round.",
    "nomination_line.",
    "nomination_lines.",
    "document.",
)
_IRRELEVANT = frozenset({"import.created", "import.commit_requested", "import.committed"})


def relevant(verb: str) -> bool:
    return verb not in _IRRELEVANT and not verb.startswith(_IRRELEVANT_PREFIXES)


def scopes_of(*, target, unit, person_id: int | None = None) -> set[int]:
    """The units whose counters a change to ``target`` (filed under ``unit``, about ``person_id``) bumps: that unit
    and, for a change about people, every unit they ever worked in — so the tables of their former units see it
    wherever it is filed (``snapshots.data_version`` then reads only the units of the table's own staff)."""
    from thidua.people.models import Employment

    scopes = {unit.pk} if getattr(unit, "pk", None) else set()
    people: set[int] = {person_id} if person_id else set()
    label = target._meta.label_lower
    if label == "awards.decision":
        from thidua.awards.models import Award

        for person, recipient, collective in Award.objects.filter(decision_id=target.pk).values_list(
            "person_id", "recipient_unit_id", "unit_id"
        ):
            people |= {person} if person else set()
            scopes |= {u for u in (recipient, collective) if u}
    elif label == "awards.award":
        scopes |= {u for u in (target.recipient_unit_id, target.unit_id) if u}
    elif label == "awards.initiativerecord":
        people |= set(target.authors.through.objects.filter(initiativerecord_id=target.pk).values_list("person_id", flat=True))
    if people:
        scopes |= set(Employment.objects.filter(person_id__in=people).values_list("unit_id", flat=True).distinct())
    return scopes or {GLOBAL}


def bump(scopes: set[int]) -> None:
    """Add one to each scope's counter (created at 1), in the caller's transaction; in id order, so two changes
    touching the same units lock them in the same order."""
    table = connection.ops.quote_name(EligibilityVersion._meta.db_table)
    values = ", ".join(["(%s, 1)"] * len(scopes))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (scope, counter) VALUES {values} ON CONFLICT (scope) DO UPDATE SET counter = {table}.counter + 1",
            sorted(scopes),
        )


def bump_for_event(*, verb: str, target, unit, person_id: int | None = None) -> None:
    """Called by ``audit.recorder.record`` for every audited change."""
    if relevant(verb):
        bump(scopes_of(target=target, unit=unit, person_id=person_id))
