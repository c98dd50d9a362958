"""The one scoping mechanism: what units and people an actor may see and change.

Every selector, ``access_*`` function, export and API route asks this module; nothing else decides
visibility. A role on a unit reaches the unit's whole subtree (a prefix of the materialised path).

* ``system_admin`` sees and changes everything.
* ``officer`` and ``head`` read and write their subtrees.
* ``council_member`` reads its subtrees.
* ``staff`` (and any logged-in user linked to a person) reads that person's own record.

A person is visible when any of their employment rows (current or past) lies in a visible subtree, so
history follows people across schools and restructured units (a merged unit hangs under its successor).
Writing a person's record needs write access to their *current* unit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from .models import UNIT_READ_ROLES, UNIT_WRITE_ROLES, Role, RoleAssignment


def _minimal(paths: set[str]) -> tuple[str, ...]:
    """Drop paths already covered by an ancestor path in the set."""
    out: list[str] = []
    for path in sorted(paths, key=len):
        if not any(path.startswith(p) for p in out):
            out.append(path)
    return tuple(sorted(out))


@dataclass(frozen=True)
class Scope:
    is_admin: bool = False
    read_paths: tuple[str, ...] = ()
    write_paths: tuple[str, ...] = ()
    person_id: int | None = None
    # (role, unit path) of every unit role held today: what ``roles_on`` reads for workflow transitions.
    role_paths: tuple[tuple[str, str], ...] = ()

    @property
    def sees_units(self) -> bool:
        return self.is_admin or bool(self.read_paths)

    @property
    def writes_units(self) -> bool:
        return self.is_admin or bool(self.write_paths)

    # -- units -------------------------------------------------------------------------------------
    def _paths_q(self, paths: tuple[str, ...], lookup: str) -> Q:
        if self.is_admin:
            return Q()
        q = Q(pk__in=[])
        for path in paths:
            q |= Q(**{f"{lookup}__startswith": path})
        return q

    def units_q(self, prefix: str = "", *, write: bool = False) -> Q:
        """Filter for OrgUnit (or any model reaching it through ``prefix``, e.g. ``"unit__"``)."""
        return self._paths_q(self.write_paths if write else self.read_paths, f"{prefix}path")

    def path_q(self, lookup: str, *, write: bool = False) -> Q:
        """Filter on a stored path column (e.g. the audit log's ``unit_path``)."""
        return self._paths_q(self.write_paths if write else self.read_paths, lookup)

    def can_read_path(self, path: str) -> bool:
        return self.is_admin or any(path.startswith(p) for p in self.read_paths)

    def can_write_path(self, path: str) -> bool:
        return self.is_admin or any(path.startswith(p) for p in self.write_paths)

    def can_read_unit(self, unit) -> bool:
        return self.can_read_path(unit.path)

    def can_write_unit(self, unit) -> bool:
        return self.can_write_path(unit.path)

    def roles_on(self, unit) -> frozenset[str]:
        """The roles held on ``unit`` (a role on a unit reaches its subtree); an admin holds ``system_admin``."""
        held = {role for role, path in self.role_paths if unit.path.startswith(path)}
        if self.is_admin:
            held.add(Role.SYSTEM_ADMIN)
        return frozenset(held)

    # -- people ------------------------------------------------------------------------------------
    def people_q(self) -> Q:
        """Filter for Person: employed (now or before) inside a visible subtree, or the actor's own record."""
        if self.is_admin:
            return Q()
        from thidua.people.models import Employment

        q = Q(pk__in=[])
        if self.read_paths:
            employed = Employment.objects.filter(Q(person=OuterRef("pk")) & self.units_q("unit__"))
            q |= Q(Exists(employed))
        if self.person_id:
            q |= Q(pk=self.person_id)
        return q

    def can_read_person(self, person, *, employment_paths: list[str] | None = None) -> bool:
        if self.is_admin or person.pk == self.person_id:
            return True
        if employment_paths is None:
            employment_paths = list(person.employments.values_list("unit__path", flat=True))
        return any(self.can_read_path(p) for p in employment_paths)

    def can_write_person(self, person) -> bool:
        if self.is_admin:
            return True
        unit = person.current_unit
        return unit is not None and self.can_write_unit(unit)

    def can_see_national_id(self, person) -> bool:
        """Only officers and heads of the person's current unit and above (and the person)."""
        if self.is_admin or person.pk == self.person_id:
            return True
        unit = person.current_unit
        return unit is not None and self.can_write_unit(unit)


ANONYMOUS = Scope()


def scope_for(user, *, on: dt.date | None = None) -> Scope:
    """Compute (and cache on the user object) the actor's scope from their role assignments."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    cached = getattr(user, "_thidua_scope", None)
    if cached is not None and on is None:
        return cached
    day = on or timezone.localdate()
    rows = (
        RoleAssignment.objects.filter(user_id=user.pk, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .values_list("role", "unit__path")
    )
    read: set[str] = set()
    write: set[str] = set()
    role_paths: set[tuple[str, str]] = set()
    is_admin = bool(user.is_superuser)
    for role, path in rows:
        if role == Role.SYSTEM_ADMIN:
            is_admin = True
        elif path:
            role_paths.add((role, path))
            if role in UNIT_READ_ROLES:
                read.add(path)
            if role in UNIT_WRITE_ROLES:
                write.add(path)
    scope = Scope(
        is_admin=is_admin and user.is_active,
        read_paths=_minimal(read),
        write_paths=_minimal(write),
        person_id=user.person_id,
        role_paths=tuple(sorted(role_paths)),
    )
    if on is None:
        user._thidua_scope = scope
    return scope
