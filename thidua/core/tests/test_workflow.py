"""The workflow template: tables are checked when built, ``allowed_actions`` is pure, ``roles_of`` asks the scope.

The tables of the real workflows (import batches, decisions) are walked with hypothesis: whatever actions
and roles are drawn, a step never leaves the table's states and nothing leaves a final state.
"""

from __future__ import annotations

import pytest
from django.db import models
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.awards.states import DECISION
from thidua.core.workflow import SYSTEM, Transition, Workflow, roles_of
from thidua.imports.states import BATCH

WORKFLOWS = [BATCH, DECISION]
ROLES = ["officer", "head", "council_member", "staff", "system_admin", SYSTEM]


class Light(models.TextChoices):
    OFF = "off", "Tắt"
    ON = "on", "Bật"
    BROKEN = "broken", "Hỏng"


def _light(*transitions: Transition, final=(Light.BROKEN,)) -> Workflow:
    return Workflow(
        name="light",
        field="status",
        states=Light,
        initial=Light.OFF,
        final=final,
        unit="unit",
        history="x.LightTransition",
        transitions=transitions,
    )


SWITCH_ON = Transition("switch_on", Light.OFF, Light.ON, {"officer"}, "bật", "light.on")
SWITCH_OFF = Transition("switch_off", Light.ON, Light.OFF, {"officer"}, "tắt", "light.off")
BREAK = Transition("break", {Light.OFF, Light.ON}, Light.BROKEN, {SYSTEM}, "làm hỏng", "light.broken")


# -- a table is checked when it is built ------------------------------------------------------------------
def test_a_consistent_table_builds():
    light = _light(SWITCH_ON, SWITCH_OFF, BREAK)

    assert light.step(Light.ON, "break") is BREAK and light.step(Light.BROKEN, "switch_on") is None
    assert light.actions == {"switch_on", "switch_off", "break"}


@pytest.mark.parametrize(
    ("transitions", "final", "complaint"),
    [
        ((SWITCH_ON, SWITCH_OFF, BREAK, Transition("fix", "repaired", Light.OFF, {"officer"}, "sửa", "light.fixed")), None, "unknown"),
        ((SWITCH_ON, SWITCH_OFF, BREAK, Transition("switch_on", Light.OFF, Light.BROKEN, {"x"}, "x", "x")), None, "two transitions"),
        ((SWITCH_ON, SWITCH_OFF, BREAK, Transition("fix", Light.BROKEN, Light.OFF, {"officer"}, "sửa", "x")), None, "transitions out"),
        ((SWITCH_ON, BREAK), (Light.BROKEN, Light.OFF), "transitions out"),
        ((SWITCH_ON, SWITCH_OFF), None, "cannot be reached"),
        ((SWITCH_ON, Transition("break", Light.OFF, Light.BROKEN, {SYSTEM}, "x", "x")), None, "no transition out"),
    ],
    ids=["unknown state", "two steps for one action", "final state left", "declared final but left", "unreachable", "stuck"],
)
def test_an_inconsistent_table_is_refused(transitions, final, complaint):
    with pytest.raises(ValueError, match=complaint):
        _light(*transitions, final=final or (Light.BROKEN,))


def test_a_transition_needs_a_source_and_a_role():
    with pytest.raises(ValueError):
        Transition("x", (), Light.ON, {"officer"}, "x", "x")
    with pytest.raises(ValueError):
        Transition("x", Light.OFF, Light.ON, (), "x", "x")


# -- allowed_actions, table-driven ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("workflow", "state", "roles", "actions"),
    [
        (BATCH, "pending", {SYSTEM}, ["validate"]),
        (BATCH, "pending", {"officer", "system_admin"}, []),
        (BATCH, "validating", {SYSTEM}, ["validate", "accept", "reject", "fail"]),
        (BATCH, "validated", {"officer"}, ["request_commit"]),
        (BATCH, "validated", {"head"}, ["request_commit"]),
        (BATCH, "validated", {"council_member", "staff"}, []),
        (BATCH, "validated", {SYSTEM}, []),
        (BATCH, "committing", {"officer"}, ["commit"]),
        (BATCH, "committing", {SYSTEM}, ["reject", "fail", "retry"]),
        (BATCH, "committed", set(ROLES), []),
        (DECISION, "in_force", {"officer"}, ["revoke"]),
        (DECISION, "in_force", {"system_admin"}, ["revoke"]),
        (DECISION, "in_force", {"council_member"}, []),
        (DECISION, "in_force", {SYSTEM}, []),
        (DECISION, "revoked", set(ROLES), []),
    ],
)
def test_allowed_actions(workflow, state, roles, actions):
    assert [t.action for t in workflow.allowed_actions(state, roles)] == actions


def test_states_are_labelled_in_vietnamese():
    assert (BATCH.label("committed"), DECISION.label("revoked")) == ("Đã ghi dữ liệu", "Đã hủy bỏ")
    assert DECISION.action_label("revoke") == "hủy bỏ quyết định"


# -- properties of the real tables ------------------------------------------------------------------------
role_sets = st.frozensets(st.sampled_from(ROLES))


@settings(max_examples=300, deadline=None)
@given(workflow=st.sampled_from(WORKFLOWS), walk=st.lists(st.tuples(role_sets, st.integers(min_value=0)), max_size=12))
def test_a_walk_stays_in_the_table_and_never_leaves_a_final_state(workflow, walk):
    state = workflow.initial
    for roles, pick in walk:
        allowed = workflow.allowed_actions(state, roles)
        if state in workflow.final:
            assert workflow.allowed_actions(state, ROLES) == ()
        if not allowed:
            continue
        step = allowed[pick % len(allowed)]
        assert state in step.source and step.roles & roles and workflow.step(state, step.action) is step
        state = step.target
        assert state in workflow.states.values


@given(workflow=st.sampled_from(WORKFLOWS), roles=role_sets, more=role_sets)
def test_more_roles_never_allow_fewer_actions(workflow, roles, more):
    for state in workflow.states.values:
        assert set(workflow.allowed_actions(state, roles)) <= set(workflow.allowed_actions(state, roles | more))


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda w: w.name)
def test_worker_steps_are_never_offered_to_people(workflow):
    people = set(ROLES) - {SYSTEM}
    for state in workflow.states.values:
        for t in workflow.allowed_actions(state, people):
            assert t.roles - {SYSTEM}, t


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda w: w.name)
def test_every_step_has_an_audit_verb_of_its_workflow_and_a_label(workflow):
    prefix = {"import": "import.", "decision": "decision."}[workflow.name]
    for t in workflow.transitions:
        assert t.verb.startswith(prefix) and str(t.label)


# -- roles on a unit (through the scope) ------------------------------------------------------------------
def test_the_worker_holds_the_system_role_only():
    assert roles_of(None, unit=None) == {SYSTEM}


def test_a_role_on_a_unit_reaches_its_subtree_and_nothing_else(world):
    assert roles_of(world.officer_school_a, world.team_a) == {"officer"}
    assert roles_of(world.officer_school_a, world.school_b) == set()
    assert roles_of(world.officer_dept, world.school_a) == {"officer"}
    assert roles_of(world.head_a, world.school_a) == {"head"}
    assert roles_of(world.council_a, world.school_a) == {"council_member"}
    assert roles_of(world.admin, world.school_b) >= {"system_admin"}
    assert SYSTEM not in roles_of(world.admin, world.school_b)
