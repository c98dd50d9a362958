"""The round and line workflows without a database."""

from __future__ import annotations

import pytest

from thidua.accounts.models import Role
from thidua.core.workflow import SYSTEM
from thidua.nominations import states

L, R = states.LineState, states.RoundStatus


@pytest.mark.parametrize(
    ("state", "roles", "actions"),
    [
        (R.DRAFT, {Role.OFFICER}, ["open", "cancel"]),
        (R.OPEN, {Role.HEAD}, ["close", "cancel"]),
        (R.CLOSED, {Role.SYSTEM_ADMIN}, []),
        (R.OPEN, {Role.COUNCIL_MEMBER}, []),
    ],
)
def test_round_steps(state, roles, actions):
    assert [t.action for t in states.ROUND.allowed_actions(state, roles)] == actions


@pytest.mark.parametrize(
    ("state", "roles", "actions"),
    [
        (L.PROPOSED, {Role.OFFICER}, ["put_on_agenda", "withdraw"]),
        (L.PROPOSED, {Role.COUNCIL_MEMBER}, ["put_on_agenda"]),
        (L.ON_AGENDA, {SYSTEM}, ["adopt", "adopt_lower", "fail"]),
        (L.ON_AGENDA, {Role.STAFF}, []),
        (L.PASSED, {Role.SYSTEM_ADMIN}, ["decide", "refuse"]),  # by the granting unit, through its dossier
        (L.PASSED, {Role.COUNCIL_MEMBER}, []),
        (L.DECIDED, {Role.SYSTEM_ADMIN}, []),
        (L.WITHDRAWN, {Role.OFFICER}, []),
    ],
)
def test_line_steps(state, roles, actions):
    assert [t.action for t in states.LINE.allowed_actions(state, roles)] == actions


def test_every_tally_outcome_has_its_step():
    assert {states.LINE.step(L.ON_AGENDA, a).target for a in states.TALLY_ACTIONS.values()} == {L.PASSED, L.PASSED_LOWER, L.FAILED}
