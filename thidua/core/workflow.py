"""The workflow template: a status field, a transition table, one ``transition()``, a history.

An app states its workflow in ``states.py``: the status ``TextChoices`` and a ``Workflow`` listing every
``Transition`` (action, from which states, to which state, who may take it, its label, its audit verb).
The table is plain data, checked when it is built and tested without a database. The model names its
workflow (``workflow = states.DECISION``); the workflow names its history model (a subclass of
``TransitionRecord`` with a foreign key to the object). Services change the status only through
``transition()``, which

* locks the row and re-reads its state (``select_for_update``: PostgreSQL waits for a concurrent step);
* refuses with a ``Conflict`` (409, a Vietnamese message) when the action is not in the table for the
  state it finds, or when the state is no longer the one the caller read (a lost race);
* refuses with ``PermissionDenied`` when the actor holds none of the transition's roles on the object's
  unit (``Scope.roles_on``; a role on a unit reaches its subtree);
* sets the state and the given fields, saves with ``update_fields``, and writes the history row and the
  audit row, all in one transaction.

``SYSTEM`` is the role of the background worker: a step it takes (the dry run finished, a job failed)
is taken with ``actor=None`` and no user can take it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.scope import scope_for
from thidua.audit import recorder as audit

from .errors import Conflict, PermissionDenied

SYSTEM = "system"  # the background worker, acting with actor=None


# -- the table (pure) ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Transition:
    """``action`` takes an object from any of ``source`` to ``target``; one of ``roles`` may take it.

    ``label`` is a Vietnamese verb phrase ("hủy bỏ quyết định"): it names the step in messages and in the
    history. ``verb`` is the audit verb written with it ("decision.revoked").
    """

    action: str
    source: frozenset[str]  # one state or several
    target: str
    roles: frozenset[str]
    label: str
    verb: str

    def __post_init__(self):
        sources = {self.source} if isinstance(self.source, str) else self.source
        object.__setattr__(self, "source", frozenset(str(s) for s in sources))  # plain values, not enum members
        object.__setattr__(self, "target", str(self.target))
        object.__setattr__(self, "roles", frozenset(str(r) for r in self.roles))
        if not self.source or not self.roles:
            raise ValueError(f"transition {self.action!r}: needs at least one source state and one role")


@dataclass(frozen=True)
class Workflow:
    """The states of one status field and the transitions between them.

    ``states`` is the field's ``TextChoices``; ``final`` lists the states nothing leaves (every other state
    must have a way out); ``unit`` names the attribute holding the object's organisation unit (whose
    roles the table checks); ``history`` is the label of the ``TransitionRecord`` subclass.
    """

    name: str
    field: str
    states: type[models.TextChoices]
    initial: str
    final: frozenset[str]
    transitions: tuple[Transition, ...]
    unit: str
    history: str
    _by_step: dict[tuple[str, str], Transition] = field(init=False, repr=False, compare=False)
    actions: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "initial", str(self.initial))
        object.__setattr__(self, "final", frozenset(str(s) for s in self.final))
        object.__setattr__(self, "transitions", tuple(self.transitions))
        by_step: dict[tuple[str, str], Transition] = {}
        known = set(self.states.values)
        for t in self.transitions:
            unknown = (t.source | {t.target}) - known
            if unknown:
                raise ValueError(f"{self.name}.{t.action}: unknown states {sorted(unknown)}")
            for source in t.source:
                if (source, t.action) in by_step:
                    raise ValueError(f"{self.name}: two transitions for {t.action!r} from {source!r}")
                by_step[(source, t.action)] = t
        object.__setattr__(self, "_by_step", by_step)
        object.__setattr__(self, "actions", frozenset(t.action for t in self.transitions))
        if self.initial not in known or not self.final <= known:
            raise ValueError(f"{self.name}: initial and final states must be states")
        leaving = {source for source, _ in by_step}
        if self.final & leaving:
            raise ValueError(f"{self.name}: final states {sorted(self.final & leaving)} have transitions out")
        stuck = known - self.final - leaving
        if stuck:
            raise ValueError(f"{self.name}: states {sorted(stuck)} are not final and have no transition out")
        unreachable = known - self.reachable()
        if unreachable:
            raise ValueError(f"{self.name}: states {sorted(unreachable)} cannot be reached from {self.initial!r}")

    def step(self, state: str, action: str) -> Transition | None:
        """The transition ``action`` takes from ``state``, or None when the table has none."""
        return self._by_step.get((state, action))

    def allowed_actions(self, state: str, roles: Iterable[str]) -> tuple[Transition, ...]:
        """The transitions out of ``state`` that one of ``roles`` may take, in table order."""
        held = frozenset(roles)
        return tuple(t for t in self.transitions if state in t.source and t.roles & held)

    def reachable(self) -> set[str]:
        seen, todo = {self.initial}, [self.initial]
        while todo:
            state = todo.pop()
            for t in self.transitions:
                if state in t.source and t.target not in seen:
                    seen.add(t.target)
                    todo.append(t.target)
        return seen

    def label(self, state: str) -> str:
        return str(self.states(state).label) if state in self.states.values else state

    def action_label(self, action: str) -> str:
        return next((str(t.label) for t in self.transitions if t.action == action), action)


# -- the history -----------------------------------------------------------------------------------------
class TransitionRecord(models.Model):
    """One step of a workflow: from which state to which, by which action, who, when, why.

    Each workflow subclasses it with a foreign key to its object (``related_name="transitions"``), so its
    history is read, scoped and deleted like the object. ``actor`` is empty for the background worker.
    """

    from_state = models.CharField(gettext_lazy("từ trạng thái"), max_length=32)
    to_state = models.CharField(gettext_lazy("sang trạng thái"), max_length=32)
    action = models.CharField(gettext_lazy("thao tác"), max_length=32)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(gettext_lazy("thời điểm"), default=timezone.now)
    note = models.TextField(gettext_lazy("ghi chú"), blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_state} → {self.to_state} ({self.action})"

    @classmethod
    def subject_field(cls) -> models.ForeignKey:
        """The foreign key to the object whose history this is (the one key to a model with a workflow)."""
        keys = [f for f in cls._meta.fields if f.many_to_one and isinstance(getattr(f.related_model, "workflow", None), Workflow)]
        if len(keys) != 1:
            raise TypeError(f"{cls.__name__} needs exactly one foreign key to a model with a workflow")
        return keys[0]

    @classmethod
    def subject_workflow(cls) -> Workflow:
        return cls.subject_field().related_model.workflow

    @property
    def from_label(self) -> str:
        return self.subject_workflow().label(self.from_state)

    @property
    def to_label(self) -> str:
        return self.subject_workflow().label(self.to_state)

    @property
    def action_label(self) -> str:
        return capfirst(self.subject_workflow().action_label(self.action))


# -- the one way a status changes ------------------------------------------------------------------------
def roles_of(actor, unit) -> frozenset[str]:
    """The roles ``actor`` holds on ``unit``; the background worker (``actor=None``) holds ``SYSTEM``."""
    if actor is None:
        return frozenset({SYSTEM})
    return scope_for(actor).roles_on(unit)


def transition(
    obj: models.Model,
    *,
    action: str,
    actor,
    note: str = "",
    update_fields: Iterable[str] = (),
    audit_after: Mapping[str, Any] | None = None,
    **changes: Any,
) -> models.Model:
    """Take ``action`` on ``obj``: lock, check the table and the actor's roles, save, write history and audit.

    ``changes`` are set on ``obj`` with the new state; ``update_fields`` names fields the caller already
    set on ``obj`` that are saved with them (no other field is written, so a stale copy is harmless).
    ``note`` goes to the history row (a reason, an error); ``audit_after`` adds keys to the audit row's
    ``after`` (``{"reason": …}``). Returns ``obj``, updated. Raises ``Conflict`` when the table has no
    such step from the state found under the lock or that state is not the one ``obj`` holds, and
    ``PermissionDenied`` when the actor holds none of the step's roles on the object's unit.
    """
    workflow: Workflow = type(obj).workflow
    if action not in workflow.actions:
        raise ValueError(f"{workflow.name}: no action {action!r}")
    with transaction.atomic():
        current, step = _step_under_lock(obj, workflow, action)
        unit = getattr(obj, workflow.unit)
        if not roles_of(actor, unit) & step.roles:
            raise PermissionDenied(
                _("Bạn không có quyền %(action)s của “%(unit)s”.") % {"action": str(step.label), "unit": unit.name}, code="forbidden"
            )
        setattr(obj, workflow.field, step.target)
        for name, value in changes.items():
            setattr(obj, name, value)
        obj.save(update_fields=list(dict.fromkeys([workflow.field, *changes, *update_fields])))
        history = apps.get_model(workflow.history)
        history.objects.create(
            **{history.subject_field().name: obj},
            from_state=current,
            to_state=step.target,
            action=action,
            actor=actor if getattr(actor, "pk", None) else None,
            note=note,
        )
        audit.record(
            actor=actor,
            verb=step.verb,
            target=obj,
            unit=unit,
            before={workflow.field: current},
            after={workflow.field: step.target, **(audit_after or {})},
        )
    return obj


def _step_under_lock(obj: models.Model, workflow: Workflow, action: str) -> tuple[str, Transition]:
    """Lock the row, read its state and find the step; a missing step or a changed state is a ``Conflict``."""
    model, read = type(obj), getattr(obj, workflow.field)
    current = model._default_manager.select_for_update().filter(pk=obj.pk).values_list(workflow.field, flat=True).first()
    subject = str(model._meta.verbose_name)
    if current is None:
        raise Conflict(_("%(subject)s không còn tồn tại.") % {"subject": capfirst(subject)}, code="gone")
    step = workflow.step(current, action)
    if step is None:
        message = _("Không thể %(action)s: %(subject)s đang ở trạng thái “%(state)s”.") % {
            "action": workflow.action_label(action),
            "subject": subject,
            "state": workflow.label(current),
        }
        if current != read:
            message += " " + _("Trạng thái vừa được thay đổi bởi một thao tác khác; hãy tải lại trang.")
        raise Conflict(message, code=f"{workflow.name}_{current}")
    if current != read:
        raise Conflict(
            _("%(subject)s vừa được chuyển từ “%(read)s” sang “%(current)s” bởi một thao tác khác; hãy tải lại trang rồi thử lại.")
            % {"subject": capfirst(subject), "read": workflow.label(read), "current": workflow.label(current)},
            code="state_changed",
        )
    return current, step


def transition_many(
    model: type[models.Model],
    pks: Iterable[int],
    *,
    action: str,
    actor,
    check=None,
    note: str = "",
    audit_after: Mapping[str, Any] | None = None,
    select_related: Iterable[str] = (),
    **changes: Any,
) -> list[models.Model]:
    """``transition`` for many rows of one model in one transaction, in a fixed number of queries.

    Locks every row (in id order), refuses with a ``Conflict`` naming the first row whose state has no such step
    (a row already taken by a concurrent request: nothing is changed), checks the actor's roles on each row's
    unit and ``check(obj)`` (a service's own guard, raising a ``DomainError``), then updates all the rows in one
    statement and writes the history and audit rows in one insert each."""
    workflow: Workflow = model.workflow
    if action not in workflow.actions:
        raise ValueError(f"{workflow.name}: no action {action!r}")
    ids = sorted({int(pk) for pk in pks})
    with transaction.atomic():
        locked = list(model._default_manager.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", workflow.field))
        objs = {o.pk: o for o in model._default_manager.filter(pk__in=ids).select_related(workflow.unit, *select_related)}
        if len(locked) != len(ids):
            raise Conflict(_("Một số mục đã chọn không còn tồn tại; hãy tải lại trang."), code="gone")
        scope = scope_for(actor) if actor is not None else None
        source = None
        for pk, current in locked:
            obj = objs[pk]
            step = workflow.step(current, action)
            if step is None:
                raise Conflict(
                    _("Không thể %(action)s: “%(subject)s” đang ở trạng thái “%(state)s” (có thể vừa được xử lý bởi người khác).")
                    % {"action": workflow.action_label(action), "subject": str(obj), "state": workflow.label(current)},
                    code=f"{workflow.name}_{current}",
                )
            unit = getattr(obj, workflow.unit)
            held = scope.roles_on(unit) if scope is not None else frozenset({SYSTEM})
            if not held & step.roles:
                raise PermissionDenied(
                    _("Bạn không có quyền %(action)s của “%(unit)s”.") % {"action": str(step.label), "unit": unit.name}, code="forbidden"
                )
            if check is not None:
                check(obj)
            source = source or current
        if not ids:
            return []
        targets = {workflow.step(current, action).target for _pk, current in locked}
        target = targets.pop()
        model._default_manager.filter(pk__in=ids).update(**{workflow.field: target}, **changes)
        history = apps.get_model(workflow.history)
        subject = history.subject_field().name
        actor_obj = actor if getattr(actor, "pk", None) else None
        now = timezone.now()
        history.objects.bulk_create(
            [history(**{f"{subject}_id": pk}, from_state=current, to_state=target, action=action, actor=actor_obj, note=note, at=now)
             for pk, current in locked],
            batch_size=500,
        )  # fmt: skip
        out = []
        for pk, _current in locked:
            obj = objs[pk]
            setattr(obj, workflow.field, target)
            for name, value in changes.items():
                setattr(obj, name, value)
            out.append(obj)
        by_state: dict[str, list] = {}
        for pk, current in locked:
            by_state.setdefault(current, []).append(objs[pk])
        verb = next(t.verb for t in workflow.transitions if t.action == action)
        for current, rows in by_state.items():
            before, after = {workflow.field: current}, {workflow.field: target, **(audit_after or {})}
            entries = [audit.Entry(target=o, unit=getattr(o, workflow.unit), before=before, after=after) for o in rows]
            audit.record_many(actor=actor, verb=verb, entries=entries)
    return out
